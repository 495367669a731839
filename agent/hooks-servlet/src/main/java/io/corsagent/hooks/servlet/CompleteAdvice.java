package io.corsagent.hooks.servlet;

import javax.servlet.AsyncContext;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;
import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code AsyncContext#complete}. A response the app completes asynchronously without a
 * dispatch (from its own thread, or from an {@code AsyncListener}'s {@code onTimeout}, as JAX-RS runtimes do) is
 * finished where no filter chain or servlet returns, so {@link DispatchAdvice} never sees the headers the app set
 * meanwhile: the fallback settles them here ({@link HookProtocol#settle}), before the container commits the
 * response. Only for a request the fallback decided ({@link CorsBridge#FALLBACK_ATTRIBUTE}); a container-entry hook
 * settles its requests when the container commits them.
 */
final class CompleteAdvice {

    private CompleteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Origin Class<?> woven, @Advice.This AsyncContext async) {
        try {
            ServletRequest request;
            ServletResponse response;
            try {
                request = async.getRequest();
                response = async.getResponse();
            } catch (IllegalStateException completed) {
                // The context is no longer usable (completed already): complete() itself reports it to the app.
                return;
            }
            Object decided = request.getAttribute(CorsBridge.FALLBACK_ATTRIBUTE);
            if (decided instanceof CorsExchange && response instanceof HttpServletResponse) {
                HookProtocol.settle(HookAdapters.get(ServletFallbackHook.ADAPTER, woven),
                        (HttpServletResponse) response, (CorsExchange) decided);
            }
        } catch (Throwable error) {
            CorsBridge.failed(ServletAdapter.FAILURES + ".commit", error);
        }
    }
}
