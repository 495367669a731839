package io.corsagent.hooks.servlet;

import javax.servlet.http.HttpServlet;

import io.corsagent.bridge.CorsExchange;
import io.corsagent.bridge.FollowedChains;
import io.corsagent.bridge.ServletLevelProtocol;

import net.bytebuddy.asm.Advice;

/**
 * Inlined into every {@code Filter#doFilter}: reports the filter's entry and exit (with the status and redirect
 * it left) to the request's exchange, so that the audit sees which filter stopped a CORS request. REQUEST dispatch
 * only. While no request in flight has its chain followed ({@link FollowedChains}: enforce mode follows a sample), a
 * filter costs that one test; otherwise a request whose exchange does not {@link CorsExchange#observesChain() observe
 * the chain} costs finding the exchange (the thread's entry mark, else the request's attributes) and a field read
 * ({@link ServletLevelProtocol#filterEntered}).
 */
final class FilterAdvice {

    private FilterAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CorsExchange enter(@Advice.This Object filter, @Advice.Argument(0) Object request,
                              @Advice.Argument(2) Object chain) {
        if (!FollowedChains.any()) {
            return null;
        }
        return ServletLevelProtocol.filterEntered(ServletFallbackHook.ADAPTER, HttpServlet.class, filter, request,
                chain);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CorsExchange exchange, @Advice.Argument(1) Object response) {
        if (exchange != null) {
            ServletLevelProtocol.filterExited(ServletFallbackHook.ADAPTER, HttpServlet.class, exchange, response);
        }
    }
}
