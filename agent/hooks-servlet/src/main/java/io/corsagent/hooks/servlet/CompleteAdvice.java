package io.corsagent.hooks.servlet;

import java.util.Collection;

import javax.servlet.AsyncContext;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code AsyncContext#complete}. A response the app completes asynchronously without a
 * dispatch (from its own thread, or from an {@code AsyncListener}'s {@code onTimeout}, as JAX-RS runtimes do) is
 * finished where no filter chain or servlet returns, so {@link DispatchAdvice} never sees the headers the app set
 * meanwhile: the fallback settles them here, before the container commits the response. Only for a request the
 * fallback decided ({@link CorsBridge#FALLBACK_ATTRIBUTE}); a container-entry hook settles its requests when the
 * container commits them.
 *
 * <p>The settlement is {@link DispatchAdvice}'s (read the managed headers, {@link CorsBridge#settle}, replace with
 * {@code setHeader}, blank what the container will not remove): advice is inlined into the container's classes and
 * cannot call a helper of the agent's, so the two carry the same steps.
 */
final class CompleteAdvice {

    private CompleteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This AsyncContext async) {
        try {
            ServletRequest request;
            ServletResponse servletResponse;
            try {
                request = async.getRequest();
                servletResponse = async.getResponse();
            } catch (IllegalStateException completed) {
                // The context is no longer usable (completed already): complete() itself reports it to the app.
                return;
            }
            Object decided = request.getAttribute(CorsBridge.FALLBACK_ATTRIBUTE);
            if (!(decided instanceof CorsExchange) || !(servletResponse instanceof HttpServletResponse)) {
                return;
            }
            HttpServletResponse response = (HttpServletResponse) servletResponse;
            if (response.isCommitted()) {
                return;
            }
            Collection<String> names = response.getHeaderNames();
            int managed = 0;
            for (String name : names) {
                if (CorsBridge.isManagedHeader(name)) {
                    managed += response.getHeaders(name).size();
                }
            }
            String[] appHeaders = managed == 0 ? CorsBridge.NO_HEADERS : new String[managed * 2];
            int next = 0;
            for (String name : names) {
                if (CorsBridge.isManagedHeader(name)) {
                    for (String value : response.getHeaders(name)) {
                        if (next < appHeaders.length) {
                            appHeaders[next++] = name;
                            appHeaders[next++] = value;
                        }
                    }
                }
            }
            String[] headers = CorsBridge.settle((CorsExchange) decided, appHeaders);
            if (headers == null) {
                return;
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                if (CorsBridge.indexOfName(headers, headers[i], i) < 0) {
                    response.setHeader(headers[i], headers[i + 1]);
                } else {
                    response.addHeader(headers[i], headers[i + 1]);
                }
            }
            String kept = null;
            for (int i = 0; i < appHeaders.length; i += 2) {
                String name = appHeaders[i];
                if (CorsBridge.indexOfName(headers, name, headers.length) >= 0
                        || CorsBridge.indexOfName(appHeaders, name, i) >= 0) {
                    continue;
                }
                response.setHeader(name, null);
                if (response.containsHeader(name)) {
                    response.setHeader(name, "");
                    String value = response.getHeader(name);
                    if (value != null && !value.isEmpty()) {
                        kept = name;
                    }
                }
            }
            if (kept != null) {
                CorsBridge.failed("servlet.complete",
                        new IllegalStateException("the container kept the header " + kept + " the policy drops"));
            }
        } catch (Throwable error) {
            CorsBridge.failed("servlet.complete", error);
        }
    }
}
