package io.corsagent.bridge;

/**
 * The managed header fields of one response ({@link CorsBridge#isManagedHeader}), as an adapter reads them for the
 * {@link HookProtocol}: it asks {@link #wants} of each field's name and passes the value of those wanted to
 * {@link #add}. A response without managed fields (most) allocates no array. When the exchange observes the
 * response's fields ({@link CorsExchange#observesResponseFields}), the names of the others are kept too.
 */
public final class ResponseFields {

    /** The most names of other fields kept: a response with more is unusual, and the summary is bounded anyway. */
    public static final int MAX_NAMES = 32;

    private String[] pairs = CorsBridge.NO_HEADERS;
    private int size;
    private final String[] names;
    private int nameCount;

    ResponseFields(boolean keepNames) {
        names = keepNames ? new String[MAX_NAMES] : null;
    }

    /** Whether the protocol reads the value of a field of that name. */
    public boolean wants(String name) {
        if (CorsBridge.isManagedHeader(name)) {
            return true;
        }
        if (names != null && nameCount < names.length && name != null) {
            names[nameCount++] = name;
        }
        return false;
    }

    /** One field line the protocol {@link #wants}. */
    public void add(String name, String value) {
        if (size == pairs.length) {
            // One pair first: most responses the protocol settles hold one managed field (the app's Vary), and then
            // the array read is the array reported, exact.
            String[] grown = new String[Math.max(2, pairs.length * 2)];
            System.arraycopy(pairs, 0, grown, 0, size);
            pairs = grown;
        }
        pairs[size++] = name;
        pairs[size++] = value;
    }

    /** The names of the other fields, in the order read; only when kept. */
    String[] names() {
        String[] exact = new String[nameCount];
        System.arraycopy(names, 0, exact, 0, nameCount);
        return exact;
    }

    /** The fields added, name/value pairs, in the order read. */
    String[] pairs() {
        if (size == pairs.length) {
            return pairs;
        }
        String[] exact = new String[size];
        System.arraycopy(pairs, 0, exact, 0, size);
        return exact;
    }
}
