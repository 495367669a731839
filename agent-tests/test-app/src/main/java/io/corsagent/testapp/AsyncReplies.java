package io.corsagent.testapp;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.servlet.AsyncContext;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;

/**
 * {@link AppServlet}'s asynchronous answers, chosen by {@code ?async=}. Each one reflects the Origin with credentials
 * on the app's own thread, after the request's filters and servlet returned, so only what happens at completion
 * decides the response's CORS headers:
 * <ul>
 *   <li>{@code complete}: {@code startAsync()}; an app thread writes the answer and calls {@code complete()}, with no
 *       dispatch (a servlet streaming a result computed elsewhere);</li>
 *   <li>{@code dispatch}: {@code startAsync()}; an app thread calls {@code dispatch()}, and AppServlet serves the
 *       ASYNC dispatch as usual;</li>
 *   <li>{@code resume}, {@code timeout}: a JAX-RS-style suspended resource ({@link SuspendedResponse}), resumed by an
 *       app thread, or answered 503 by the runtime's timeout handler on the container's timeout callback.</li>
 * </ul>
 * And {@code thread}: {@code startAsync()}; an app thread serves the request (the servlet's {@code service} called
 * again, as a filter that runs the rest of its chain on a thread of its own calls the chain) and completes it, while
 * the container's thread waits, so that it runs while the container's REQUEST dispatch is still under way.
 * {@code park} and {@code release}: a parked request waits ({@code startAsync()}) until a later {@code release}
 * request answers, commits and completes it on that request's own container thread, inside its REQUEST dispatch (a
 * long-poll or chat app publishing to its waiting clients), then answers itself with the number it released in
 * {@code X-Released}.
 */
final class AsyncReplies {

    /** The app's own worker: nothing it runs is on a container thread. */
    private static final ScheduledExecutorService WORKER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "test-app-async");
        thread.setDaemon(true);
        return thread;
    });

    /** The requests parked by {@code ?async=park}, with their answers, until a {@code ?async=release}. */
    private static final Queue<Map.Entry<AsyncContext, String>> PARKED = new ConcurrentLinkedQueue<>();

    /** How long a parked request waits for its release before the container times it out. */
    private static final long PARKED_MILLIS = 20_000;

    /** Long enough for the request's filters and servlet to have returned when the app thread acts. */
    private static final long DELAY_MILLIS = 50;

    private AsyncReplies() {
    }

    /**
     * @param mode    the {@code async} parameter
     * @param servlet the servlet serving the request, which {@code thread} calls again
     */
    static void start(String mode, Servlet servlet, HttpServletRequest request, HttpServletResponse response,
                      String served) throws IOException {
        String body = request.getMethod() + " " + served + "\n";
        switch (mode) {
            case "complete": {
                AsyncContext async = request.startAsync();
                WORKER.schedule(() -> {
                    answer((HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse(), body);
                    async.complete();
                }, DELAY_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            case "dispatch": {
                AsyncContext async = request.startAsync();
                WORKER.schedule(() -> async.dispatch(), DELAY_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            case "resume": {
                SuspendedResponse suspended = SuspendedResponse.suspend(request, response, 30_000);
                WORKER.schedule(() -> suspended.resume(200, body), DELAY_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            case "timeout":
                // Never resumed: the runtime's timeout handler answers.
                SuspendedResponse.suspend(request, response, 200);
                return;
            case "thread": {
                AsyncContext async = request.startAsync();
                awaitServed(WORKER.submit(() -> {
                    try {
                        servlet.service(withoutAsyncParameter(request), response);
                    } finally {
                        async.complete();
                    }
                    return null;
                }));
                return;
            }
            case "park": {
                AsyncContext async = request.startAsync();
                async.setTimeout(PARKED_MILLIS);
                PARKED.add(new AbstractMap.SimpleImmutableEntry<>(async, body));
                return;
            }
            case "release": {
                int released = 0;
                for (Map.Entry<AsyncContext, String> parked; (parked = PARKED.poll()) != null; released++) {
                    AsyncContext async = parked.getKey();
                    HttpServletResponse parkedResponse = (HttpServletResponse) async.getResponse();
                    answer((HttpServletRequest) async.getRequest(), parkedResponse, parked.getValue());
                    // Committed here, on this request's thread, rather than wherever the container completes it.
                    parkedResponse.flushBuffer();
                    async.complete();
                }
                response.setHeader("X-Released", Integer.toString(released));
                answer(request, response, body);
                return;
            }
            default:
                throw new IllegalArgumentException("async=" + mode);
        }
    }

    /** The request as the servlet serves it again: without the parameter that sent it here. */
    private static HttpServletRequest withoutAsyncParameter(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getParameter(String name) {
                return "async".equals(name) ? null : super.getParameter(name);
            }
        };
    }

    private static void awaitServed(Future<?> served) {
        try {
            served.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the app thread did not serve the request", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The app's answer: its reflected CORS headers and the body. */
    static void answer(HttpServletRequest request, HttpServletResponse response, String body) {
        ReflectingCorsFilter.reflect(request, response);
        response.setContentType("text/plain");
        try {
            response.getWriter().write(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
