package io.corsagent.hooks.servlet;

import javax.servlet.DispatcherType;
import javax.servlet.ServletRequest;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code FilterChain#doFilter} and {@code HttpServlet#service}: the innermost running filter passed
 * the request on (or the request reached a servlet), which tells a filter that stopped a request from one that
 * did not, and container security that rejected a request from a servlet that did. REQUEST dispatch only; finds
 * the exchange as {@link FilterAdvice} does, and stops there for a request whose exchange does not observe the chain.
 */
final class ChainCallAdvice {

    private ChainCallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) ServletRequest request) {
        try {
            Object mark = CorsBridge.entryDecision();
            CorsExchange exchange = CorsBridge.chainExchange(mark,
                    mark == null ? request.getAttribute(CorsBridge.EXCHANGE_ATTRIBUTE) : null,
                    mark == null ? request.getAttribute(CorsBridge.FALLBACK_ATTRIBUTE) : null);
            if (exchange != null && request.getDispatcherType() == DispatcherType.REQUEST) {
                CorsBridge.chainCalled(exchange);
            }
        } catch (Throwable error) {
            CorsBridge.failed("servlet.chain", error);
        }
    }
}
