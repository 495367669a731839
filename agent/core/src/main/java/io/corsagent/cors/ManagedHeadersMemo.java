package io.corsagent.cors;

/**
 * One application header set and the managed set computed for it: what {@link NotCorsHeaders} remembers of the
 * last merge. Immutable, so it is published safely through its final fields to the request threads that share it.
 * It holds a copy of the application headers, because the hook's array belongs to the hook.
 */
final class ManagedHeadersMemo {

    private final String[] appHeaders;
    /** The complete managed set for {@link #appHeaders}, or {@code null} (leave the response's headers as they are). */
    private final String[] managedHeaders;

    ManagedHeadersMemo(String[] appHeaders, String[] managedHeaders) {
        this.appHeaders = appHeaders.clone();
        this.managedHeaders = managedHeaders;
    }

    /** Whether {@code headers} are the same application headers as this memo's: names and values, exactly. */
    boolean matches(String[] headers) {
        if (headers.length != appHeaders.length) {
            return false;
        }
        for (int i = 0; i < headers.length; i++) {
            String mine = appHeaders[i];
            String theirs = headers[i];
            // Identity first: a container usually hands over the app's own string instances.
            if (mine != theirs && (mine == null || !mine.equals(theirs))) {
                return false;
            }
        }
        return true;
    }

    String[] managedHeaders() {
        return managedHeaders;
    }
}
