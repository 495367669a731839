package io.corsagent.testapp;

import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * What a JAX-RS runtime (Jersey, RESTEasy) does for a resource method that takes {@code @Suspended AsyncResponse},
 * reduced to the servlet calls it makes: the request is suspended with a timeout; {@link #resume} runs the app's
 * response filters (here a CORS filter that reflects the Origin with credentials, as many JAX-RS apps register),
 * writes the entity and completes, on whichever thread resumed it; an unresumed request times out, and the runtime's
 * timeout handler answers 503 through the same filters from the container's {@code onTimeout} callback.
 */
final class SuspendedResponse implements AsyncListener {

    private final AsyncContext async;
    private boolean done;

    private SuspendedResponse(AsyncContext async) {
        this.async = async;
    }

    static SuspendedResponse suspend(HttpServletRequest request, HttpServletResponse response, long timeoutMillis) {
        SuspendedResponse suspended = new SuspendedResponse(request.startAsync(request, response));
        suspended.async.setTimeout(timeoutMillis);
        suspended.async.addListener(suspended);
        return suspended;
    }

    /** {@code AsyncResponse.resume(entity)}: response filters, entity, completion. */
    synchronized void resume(int status, String entity) {
        if (done) {
            return;
        }
        done = true;
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        response.setStatus(status);
        AsyncReplies.answer((HttpServletRequest) async.getRequest(), response, entity);
        async.complete();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        resume(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "timed out\n");
    }

    @Override
    public void onComplete(AsyncEvent event) {
    }

    @Override
    public void onError(AsyncEvent event) {
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
