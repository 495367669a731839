package io.corsagent.hooks.undertow;

import io.corsagent.bridge.CorsBridge;

import net.bytebuddy.asm.Advice;

import io.undertow.servlet.spec.HttpServletRequestImpl;

/**
 * Inlined at the end of both {@code HttpServletRequestImpl#startAsync} methods. Once a request is async, the app may
 * run the rest of its REQUEST dispatch (a filter's {@code chain.doFilter}, a servlet's {@code service}) on threads of
 * its own, at once, where the thread mark of {@link FirstRequestAdvice} does not reach: so the decision is left as the
 * servlet request attribute {@link CorsBridge#EXCHANGE_ATTRIBUTE} before {@code startAsync} returns, and the
 * servlet-level fallback there sees the request taken. Only while the mark stands, in the REQUEST dispatch: to the
 * fallback, whatever runs after a start in a later ASYNC dispatch is part of that later dispatch.
 */
final class StartAsyncAdvice {

    private StartAsyncAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This HttpServletRequestImpl request) {
        try {
            Object decision = CorsBridge.entryDecision();
            if (decision != null) {
                request.setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, decision);
            }
        } catch (Throwable error) {
            CorsBridge.failed("undertow.entry", error);
        }
    }
}
