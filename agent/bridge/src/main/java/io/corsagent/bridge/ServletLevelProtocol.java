package io.corsagent.bridge;

import io.corsagent.bridge.ServletLevelAdapter.Dispatch;

/**
 * What the servlet-level advice does, written once over a {@link ServletLevelAdapter}: the fallback, which decides a
 * request no container-entry hook decided ({@link #enter}, {@link #exit}), and the filter-chain audit, which follows a
 * request's filters and chain calls ({@link #filterEntered}, {@link #filterExited}, {@link #chainCalled}).
 *
 * <p>The advice is inlined into every {@code Filter#doFilter}, {@code FilterChain#doFilter} and
 * {@code HttpServlet#service}, so it holds no more than a call here: a woven method small enough stays small enough
 * for the JIT compiler to inline it into its caller. The adapter is looked up only on a request that needs it: on one
 * a container-entry hook decided (the thread's mark), the mark answers.
 *
 * <p>Nothing here throws: a failure is reported under the adapter's name, and the request goes on.
 */
public final class ServletLevelProtocol {

    /** {@link #enter}: the agent answered the request; the advice skips the chain or servlet. */
    public static final Object ANSWERED = new Object();

    /** {@link #enter}: an ERROR or ASYNC dispatch whose response {@link #exit} settles again. */
    private static final Object SETTLING = new Object();

    private ServletLevelProtocol() {
    }

    /**
     * The fallback's entry, at a {@code FilterChain#doFilter} or {@code HttpServlet#service} the thread's entry hook
     * did not decide: the REQUEST dispatch's first such call decides the request, answers it or puts the policy's
     * headers on; a later ERROR or ASYNC dispatch of a request it decided is marked for settling at its exit.
     *
     * @param adapterClass the adapter's class name, as the advice knows it (relocated in the jakarta copy)
     * @param api          a class of the servlet API, whose loader the adapter is made next to
     * @return what {@link #exit} is to be given: {@code null} (nothing), {@link #ANSWERED} (skip the method), or a
     *         state of the request's
     */
    public static <Q, R> Object enter(String adapterClass, Class<?> api, Object servletRequest,
                                      Object servletResponse) {
        ServletLevelAdapter<Q, R> adapter = adapter(adapterClass, api, servletRequest);
        if (adapter == null || !adapter.isResponse(servletResponse)) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked") Q request = (Q) servletRequest;
            @SuppressWarnings("unchecked") R response = (R) servletResponse;
            Dispatch dispatch = adapter.dispatch(request);
            if (dispatch == Dispatch.LATER) {
                if (adapter.attribute(request, CorsBridge.FALLBACK_ATTRIBUTE) instanceof CorsExchange
                        && adapter.attribute(request, CorsBridge.FALLBACK_SETTLING_ATTRIBUTE) == null) {
                    adapter.setAttribute(request, CorsBridge.FALLBACK_SETTLING_ATTRIBUTE, Boolean.TRUE);
                    return SETTLING;
                }
                return null;
            }
            if (dispatch != Dispatch.REQUEST
                    || adapter.attribute(request, CorsBridge.EXCHANGE_ATTRIBUTE) != null
                    || adapter.attribute(request, CorsBridge.FALLBACK_ATTRIBUTE) != null) {
                return null;
            }
            CorsExchange exchange = HookProtocol.decide(adapter, request);
            adapter.keep(request, response, exchange == null ? (Object) Boolean.FALSE : exchange);
            if (exchange == null || adapter.isCommitted(response)) {
                return null;
            }
            Boolean answered = HookProtocol.answer(adapter, request, response, exchange);
            if (!Boolean.FALSE.equals(answered)) {
                // Answered: the method is skipped; or failed: the app serves it as if the agent were absent.
                return answered != null ? ANSWERED : null;
            }
            HookProtocol.settle(adapter, response, exchange);
            return exchange;
        } catch (Throwable error) {
            CorsBridge.failed(adapter.hook() + ".entry", error);
            return null;
        }
    }

    /**
     * The fallback's exit, for what {@link #enter} returned: settles the response of an ERROR or ASYNC dispatch
     * again, or reports the response of the REQUEST dispatch it decided.
     */
    public static <Q, R> void exit(String adapterClass, Class<?> api, Object servletRequest, Object servletResponse,
                                   Object state) {
        if (state == null || state == ANSWERED) {
            return;
        }
        ServletLevelAdapter<Q, R> adapter = adapter(adapterClass, api, servletRequest);
        if (adapter == null) {
            return;
        }
        try {
            @SuppressWarnings("unchecked") R response = (R) servletResponse;
            if (state == SETTLING) {
                @SuppressWarnings("unchecked") Q request = (Q) servletRequest;
                adapter.removeAttribute(request, CorsBridge.FALLBACK_SETTLING_ATTRIBUTE);
                HookProtocol.settle(adapter, response,
                        (CorsExchange) adapter.attribute(request, CorsBridge.FALLBACK_ATTRIBUTE));
            } else {
                HookProtocol.report(adapter, response, (CorsExchange) state);
            }
        } catch (Throwable error) {
            CorsBridge.failed(adapter.hook() + ".commit", error);
        }
    }

    /**
     * A filter's {@code doFilter} begins: the exchange whose chain is followed hears of it, in the REQUEST dispatch.
     *
     * @return the exchange, for {@link #filterExited}; {@code null} when nothing follows this request's chain
     */
    public static <Q> CorsExchange filterEntered(String adapterClass, Class<?> api, Object filter,
                                                 Object servletRequest, Object chain) {
        Object mark = CorsBridge.entryDecision();
        if (mark != null && CorsBridge.chainExchange(mark, null, null) == null) {
            return null;
        }
        ServletLevelAdapter<Q, ?> adapter = adapter(adapterClass, api, servletRequest);
        if (adapter == null) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked") Q request = (Q) servletRequest;
            CorsExchange exchange = tracedExchange(adapter, mark, request);
            if (exchange == null) {
                return null;
            }
            CorsBridge.filterEntered(exchange, filter, chain, adapter.servletContext(request));
            return exchange;
        } catch (Throwable error) {
            CorsBridge.failed(adapter.hook() + ".filter.entry", error);
            return null;
        }
    }

    /** The filter's {@code doFilter} returned or threw: the exchange hears of the response's status then. */
    public static <R> void filterExited(String adapterClass, Class<?> api, CorsExchange exchange,
                                        Object servletResponse) {
        ServletLevelAdapter<?, R> adapter = adapter(adapterClass, api, null);
        if (adapter == null) {
            return;
        }
        try {
            int status = 0;
            String location = null;
            if (adapter.isResponse(servletResponse)) {
                @SuppressWarnings("unchecked") R response = (R) servletResponse;
                status = adapter.status(response);
                location = status >= 300 && status < 400 ? adapter.responseField(response, "Location") : null;
            }
            CorsBridge.filterExited(exchange, status, location);
        } catch (Throwable error) {
            CorsBridge.failed(adapter.hook() + ".filter.exit", error);
        }
    }

    /** A {@code FilterChain#doFilter} or {@code HttpServlet#service} begins: the exchange hears of it. */
    public static <Q> void chainCalled(String adapterClass, Class<?> api, Object servletRequest) {
        Object mark = CorsBridge.entryDecision();
        if (mark != null && CorsBridge.chainExchange(mark, null, null) == null) {
            return;
        }
        ServletLevelAdapter<Q, ?> adapter = adapter(adapterClass, api, servletRequest);
        if (adapter == null) {
            return;
        }
        try {
            @SuppressWarnings("unchecked") Q request = (Q) servletRequest;
            CorsExchange exchange = tracedExchange(adapter, mark, request);
            if (exchange != null) {
                CorsBridge.chainCalled(exchange);
            }
        } catch (Throwable error) {
            CorsBridge.failed(adapter.hook() + ".chain", error);
        }
    }

    /**
     * The exchange whose chain is followed, in the REQUEST dispatch only: the thread's mark, else the request's
     * attributes ({@link CorsBridge#chainExchange}).
     */
    private static <Q> CorsExchange tracedExchange(ServletLevelAdapter<Q, ?> adapter, Object mark, Q request) {
        CorsExchange exchange = CorsBridge.chainExchange(mark,
                mark == null ? adapter.attribute(request, CorsBridge.EXCHANGE_ATTRIBUTE) : null,
                mark == null ? adapter.attribute(request, CorsBridge.FALLBACK_ATTRIBUTE) : null);
        return exchange != null && adapter.dispatch(request) == Dispatch.REQUEST ? exchange : null;
    }

    /**
     * The adapter, when the request is one it takes ({@code null}: no request to check).
     *
     * @return {@code null} when it cannot be made (told once by {@link HookAdapters}) or the request is not HTTP
     */
    @SuppressWarnings("unchecked")
    private static <Q, R> ServletLevelAdapter<Q, R> adapter(String adapterClass, Class<?> api, Object request) {
        ContainerAdapter<?, ?> adapter = HookAdapters.get(adapterClass, api);
        if (!(adapter instanceof ServletLevelAdapter)) {
            return null;
        }
        ServletLevelAdapter<Q, R> servletLevel = (ServletLevelAdapter<Q, R>) adapter;
        return request == null || servletLevel.isRequest(request) ? servletLevel : null;
    }
}
