package io.corsagent.hooks.servlet;

import javax.servlet.http.HttpServlet;

import io.corsagent.bridge.FollowedChains;
import io.corsagent.bridge.ServletLevelProtocol;

import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code FilterChain#doFilter} and {@code HttpServlet#service}: the innermost running filter passed
 * the request on (or the request reached a servlet), which tells a filter that stopped a request from one that
 * did not, and container security that rejected a request from a servlet that did. REQUEST dispatch only; tests
 * {@link FollowedChains} and finds the exchange as {@link FilterAdvice} does, and stops there for a request whose
 * exchange does not observe the chain ({@link ServletLevelProtocol#chainCalled}).
 */
final class ChainCallAdvice {

    private ChainCallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object request) {
        if (FollowedChains.any()) {
            ServletLevelProtocol.chainCalled(ServletFallbackHook.ADAPTER, HttpServlet.class, request);
        }
    }
}
