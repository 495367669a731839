package io.corsagent.bridge;

/**
 * What every hook does with a request, written once for every container; a {@link ContainerAdapter} says how in the
 * container's own types, and a hook's advice finds the adapter and calls one of these methods.
 *
 * <p>A container-entry hook calls {@link #enter} where the container has parsed a request and is about to run its
 * security and the app (the REQUEST dispatch only): the request's facts go to the engine; a request the engine
 * answers (a preflight, or a request refused by strict rejection) gets its status and headers at once, and the
 * container must not serve it; any other request keeps its decision (the exchange, or {@code Boolean.FALSE} when the
 * agent leaves it alone) with the container's request, and, where the hook scopes one
 * ({@link ContainerAdapter#marksThread}), on the thread ({@link CorsBridge#beginEntry}) until the advice's method
 * returns. Its commit hook calls {@link #commit} where the container is about to write the response's
 * header block: the managed fields the response holds are read, settled by the exchange, and replaced.
 *
 * <p>The servlet-level fallback ({@link ServletLevelProtocol}), which sees a request only once the container's security
 * has run, decides it with {@link #decide} and {@link #answer}, puts the policy's headers on early with
 * {@link #settle}, and reports the response once with {@link #report}.
 *
 * <p>Nothing here throws: a failure is reported as the adapter's hook's ({@link CorsBridge#failed}), and the request
 * goes on as if the agent were absent. A {@code null} adapter (one that could not be made) does nothing.
 */
public final class HookProtocol {

    private static final String ORIGIN = "Origin";
    private static final String REQUEST_METHOD = "Access-Control-Request-Method";
    private static final String REQUEST_HEADERS = "Access-Control-Request-Headers";
    private static final String COOKIE = "Cookie";
    private static final String AUTHORIZATION = "Authorization";

    private HookProtocol() {
    }

    /**
     * The container-entry protocol: decides the request, answers it or keeps its decision, and marks the thread.
     *
     * @return whether the agent answered the request: the container must then finish the response without serving it
     */
    public static <Q, R> boolean enter(ContainerAdapter<Q, R> adapter, Q request, R response) {
        if (adapter == null) {
            return false;
        }
        try {
            return enter(adapter, request, response, adapter.path(request));
        } catch (Throwable error) {
            CorsBridge.failed(adapter.hook() + ".entry", error);
            return false;
        }
    }

    /**
     * {@link #enter(ContainerAdapter, Object, Object)} on a path the advice computed: for a container whose path
     * only its own class can work out (with members the adapter cannot reach), whose adapter then never is asked for
     * one.
     *
     * @param path the path the container serves, as {@link ContainerAdapter#path} describes it; {@code null}: the
     *             container refuses the request itself, and the agent leaves it alone
     */
    public static <Q, R> boolean enter(ContainerAdapter<Q, R> adapter, Q request, R response, String path) {
        if (adapter == null) {
            return false;
        }
        try {
            CorsExchange exchange = decide(adapter, request, path);
            int status = exchange == null ? 0 : exchange.answerStatus();
            if (status != 0 && !adapter.isCommitted(response)) {
                respond(adapter, request, response, status, exchange);
                return true;
            }
            Object decision = exchange == null || status != 0 ? (Object) Boolean.FALSE : exchange;
            adapter.keep(request, response, decision);
            if (adapter.marksThread()) {
                CorsBridge.beginEntry(decision, response);
            }
            return false;
        } catch (Throwable error) {
            CorsBridge.failed(adapter.hook() + ".entry", error);
            return false;
        }
    }

    /**
     * Reads the request's facts and asks the engine. A request without {@code Origin} (most) costs one header lookup,
     * and its scheme, host and port are not read: they only serve to tell a same-origin request.
     *
     * @return the request's exchange, or {@code null} when the agent leaves the request alone
     */
    public static <Q> CorsExchange decide(ContainerAdapter<Q, ?> adapter, Q request) {
        if (adapter == null) {
            return null;
        }
        try {
            return decide(adapter, request, adapter.path(request));
        } catch (Throwable error) {
            CorsBridge.failed(adapter.hook() + ".entry", error);
            return null;
        }
    }

    private static <Q> CorsExchange decide(ContainerAdapter<Q, ?> adapter, Q request, String path) {
        try {
            if (path == null) {
                return null;
            }
            String method = adapter.method(request);
            String origin = adapter.requestField(request, ORIGIN);
            if (origin == null) {
                return CorsBridge.enter(adapter.requestsSeen(), method, null, null, null, null, null, -1, path);
            }
            // The Access-Control-Request-* fields make a preflight only of an OPTIONS request.
            boolean options = "OPTIONS".equals(method);
            CorsExchange exchange = CorsBridge.enter(adapter.requestsSeen(), method, origin,
                    options ? adapter.requestField(request, REQUEST_METHOD) : null,
                    options ? adapter.requestField(request, REQUEST_HEADERS) : null,
                    adapter.scheme(request), adapter.host(request), adapter.port(request), path);
            if (exchange != null && exchange.observesCredentials()) {
                exchange.credentials(adapter.hasRequestField(request, COOKIE)
                        || adapter.hasRequestField(request, AUTHORIZATION));
            }
            return exchange;
        } catch (Throwable error) {
            CorsBridge.failed(adapter.hook() + ".entry", error);
            return null;
        }
    }

    /**
     * Answers the request with the exchange's status and headers, if the exchange answers it and the response is
     * not committed yet.
     *
     * @return {@code TRUE} when the agent answered: the request must not be served; {@code FALSE} when the app serves
     *         it under the exchange; {@code null} when the app serves it as if the agent were absent (no adapter or
     *         exchange, or a failure, reported): its response must then be neither settled nor reported
     */
    public static <Q, R> Boolean answer(ContainerAdapter<Q, R> adapter, Q request, R response,
                                        CorsExchange exchange) {
        if (adapter == null || exchange == null) {
            return null;
        }
        try {
            int status = exchange.answerStatus();
            if (status == 0 || adapter.isCommitted(response)) {
                return Boolean.FALSE;
            }
            respond(adapter, request, response, status, exchange);
            return Boolean.TRUE;
        } catch (Throwable error) {
            CorsBridge.failed(adapter.hook() + ".entry", error);
            return null;
        }
    }

    private static <Q, R> void respond(ContainerAdapter<Q, R> adapter, Q request, R response, int status,
                                       CorsExchange exchange) {
        adapter.setStatus(response, status);
        String[] headers = exchange.answerHeaders();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            adapter.addField(response, headers[i], headers[i + 1]);
        }
        adapter.answered(request, response);
    }

    /**
     * The container-commit protocol: settles the managed headers of the response about to be committed with the
     * exchange its request kept ({@link ContainerAdapter#kept}), and reports the response to the audit.
     */
    public static <R> void commit(ContainerAdapter<?, R> adapter, R response) {
        if (adapter == null) {
            return;
        }
        try {
            Object kept = adapter.kept(response);
            if (kept instanceof CorsExchange) {
                CorsExchange exchange = (CorsExchange) kept;
                String[] present = reportedFields(adapter, response, exchange);
                replace(adapter, response, present, CorsBridge.commit(exchange, adapter.status(response), present));
            }
        } catch (Throwable error) {
            CorsBridge.failed(adapter.hook() + ".commit", error);
        }
    }

    /**
     * Settles the managed headers of a response that is not committed yet, without reporting it: for a hook that
     * settles one response more than once (the fallback, before the app runs and after each later dispatch).
     */
    public static <R> void settle(ContainerAdapter<?, R> adapter, R response, CorsExchange exchange) {
        if (adapter == null || exchange == null) {
            return;
        }
        try {
            if (!adapter.isCommitted(response)) {
                String[] present = presentFields(adapter, response);
                replace(adapter, response, present, CorsBridge.settle(exchange, present));
            }
        } catch (Throwable error) {
            CorsBridge.failed(adapter.hook() + ".commit", error);
        }
    }

    /**
     * Reports the response to the audit, once, and settles its managed headers if it is not committed yet. A
     * committed one went out as the app set it, and its findings say so ({@link CorsBridge#commitUnsettled}).
     */
    public static <R> void report(ContainerAdapter<?, R> adapter, R response, CorsExchange exchange) {
        if (adapter == null || exchange == null) {
            return;
        }
        try {
            String[] present = reportedFields(adapter, response, exchange);
            if (adapter.isCommitted(response)) {
                CorsBridge.commitUnsettled(exchange, adapter.status(response), present);
            } else {
                replace(adapter, response, present, CorsBridge.commit(exchange, adapter.status(response), present));
            }
        } catch (Throwable error) {
            CorsBridge.failed(adapter.hook() + ".commit", error);
        }
    }

    private static <R> String[] presentFields(ContainerAdapter<?, R> adapter, R response) {
        ResponseFields fields = new ResponseFields(false);
        adapter.readFields(response, fields);
        return fields.pairs();
    }

    /** The managed fields of a response about to be reported; the names of the others to the exchange if it asks. */
    private static <R> String[] reportedFields(ContainerAdapter<?, R> adapter, R response, CorsExchange exchange) {
        boolean observes = exchange.observesResponseFields();
        ResponseFields fields = new ResponseFields(observes);
        adapter.readFields(response, fields);
        if (observes) {
            exchange.responseFieldNames(fields.names());
        }
        return fields.pairs();
    }

    /** @param settled {@code null}: the response keeps its fields (the exchange leaves them, or failed) */
    private static <R> void replace(ContainerAdapter<?, R> adapter, R response, String[] present, String[] settled) {
        if (settled != null) {
            adapter.replaceFields(response, present, settled);
        }
    }
}
