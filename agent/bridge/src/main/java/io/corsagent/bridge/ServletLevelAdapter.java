package io.corsagent.bridge;

/**
 * A {@link ContainerAdapter} over the servlet API, for the servlet-level advice ({@link ServletLevelProtocol}): what
 * that advice needs beyond the container protocol, in the API's own types. The advice hands over its arguments as it
 * finds them ({@code ServletRequest}, {@code ServletResponse}); {@link #isRequest} and {@link #isResponse} say whether
 * they are the HTTP request and response the adapter's other methods take.
 *
 * @param <Q> the HTTP request
 * @param <R> the HTTP response
 */
public abstract class ServletLevelAdapter<Q, R> extends ContainerAdapter<Q, R> {

    /** The kinds of dispatch the servlet-level advice tells apart. */
    public enum Dispatch {
        /** The request as the client sent it. */
        REQUEST,
        /** An ERROR or ASYNC dispatch: the response the REQUEST dispatch began, settled again. */
        LATER,
        /** FORWARD or INCLUDE: inside a dispatch already under way. */
        INNER
    }

    protected ServletLevelAdapter(String hook, String entryId) {
        super(hook, entryId);
    }

    /** Whether the object is an HTTP request of the API: CORS has nothing to do with any other. */
    protected abstract boolean isRequest(Object request);

    /** Whether the object is an HTTP response of the API. */
    protected abstract boolean isResponse(Object response);

    protected abstract Dispatch dispatch(Q request);

    protected abstract Object attribute(Q request, String name);

    protected abstract void setAttribute(Q request, String name, Object value);

    protected abstract void removeAttribute(Q request, String name);

    /** The servlet context the request is served in: the application a filter belongs to. */
    protected abstract Object servletContext(Q request);

    /** The response's field of that name, or {@code null}. */
    protected abstract String responseField(R response, String name);
}
