package io.corsagent.bridge;

/**
 * The agent's CORS engine as container advice sees it: plain request facts in, a {@link CorsExchange} out.
 *
 * <p>Implemented by the agent core, which lives in its own class loader; installed into {@link CorsBridge}.
 * An engine is immutable: a new policy or mode means a new engine, swapped in atomically, so a request
 * never sees half of one policy and half of another.
 */
public interface CorsEngine {

    /**
     * Decides a request at the container's dispatch entry, after the container has decoded and normalised
     * its path. See {@link CorsBridge#enter} for the meaning of each argument.
     *
     * @return {@code null} when the agent leaves this request and its response entirely alone
     */
    CorsExchange enter(String method, String origin, String requestMethod, String requestHeaders,
                       String scheme, String host, int port, String path);

    /** Records a failure inside the agent's hooks; the request it happened on goes on untouched. */
    void failed(String hook, Throwable error);
}
