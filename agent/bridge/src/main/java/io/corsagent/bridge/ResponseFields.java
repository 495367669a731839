package io.corsagent.bridge;

/**
 * The managed header fields of one response ({@link CorsBridge#isManagedHeader}), as an adapter reads them for the
 * {@link HookProtocol}: it asks {@link #wants} of each field's name and passes the value of those wanted to
 * {@link #add}. A response without managed fields (most) allocates no array.
 */
public final class ResponseFields {

    private String[] pairs = CorsBridge.NO_HEADERS;
    private int size;

    ResponseFields() {
    }

    /** Whether the protocol reads the value of a field of that name. */
    public boolean wants(String name) {
        return CorsBridge.isManagedHeader(name);
    }

    /** One field line the protocol {@link #wants}. */
    public void add(String name, String value) {
        if (size == pairs.length) {
            String[] grown = new String[Math.max(4, pairs.length * 2)];
            System.arraycopy(pairs, 0, grown, 0, size);
            pairs = grown;
        }
        pairs[size++] = name;
        pairs[size++] = value;
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
