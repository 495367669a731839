package io.corsagent.hooks.servlet;

import javax.servlet.DispatcherType;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

/**
 * Inlined into every {@code Filter#doFilter}: reports the filter's entry and exit (with the status and redirect
 * it left) to the request's exchange, so that the audit sees which filter stopped a CORS request. REQUEST dispatch
 * only. A request whose exchange does not {@link CorsExchange#observesChain() observe the chain} (every non-CORS
 * request) costs finding the exchange ({@link CorsBridge#chainExchange}: the thread's entry mark, else the request's
 * attributes) and a field read.
 */
final class FilterAdvice {

    private FilterAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CorsExchange enter(@Advice.This Object filter,
                              @Advice.Argument(0) ServletRequest request,
                              @Advice.Argument(2) Object chain) {
        try {
            Object mark = CorsBridge.entryDecision();
            CorsExchange exchange = CorsBridge.chainExchange(mark,
                    mark == null ? request.getAttribute(CorsBridge.EXCHANGE_ATTRIBUTE) : null,
                    mark == null ? request.getAttribute(CorsBridge.FALLBACK_ATTRIBUTE) : null);
            if (exchange == null || request.getDispatcherType() != DispatcherType.REQUEST) {
                return null;
            }
            CorsBridge.filterEntered(exchange, filter, chain, request.getServletContext());
            return exchange;
        } catch (Throwable error) {
            CorsBridge.failed("servlet.filter.entry", error);
            return null;
        }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CorsExchange exchange, @Advice.Argument(1) ServletResponse servletResponse) {
        if (exchange == null) {
            return;
        }
        try {
            int status = 0;
            String location = null;
            if (servletResponse instanceof HttpServletResponse) {
                HttpServletResponse response = (HttpServletResponse) servletResponse;
                status = response.getStatus();
                location = status >= 300 && status < 400 ? response.getHeader("Location") : null;
            }
            CorsBridge.filterExited(exchange, status, location);
        } catch (Throwable error) {
            CorsBridge.failed("servlet.filter.exit", error);
        }
    }
}
