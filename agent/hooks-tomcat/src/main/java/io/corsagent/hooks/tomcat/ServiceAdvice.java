package io.corsagent.hooks.tomcat;

import io.corsagent.bridge.CorsBridge;

import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code CoyoteAdapter#service(Request, Response)}, which runs {@code postParseRequest} and then the
 * whole REQUEST dispatch (valves, filters, servlet) on its thread: it scopes the thread mark that
 * {@link PostParseRequestAdvice} sets with the request's decision ({@link CorsBridge#beginEntry}) to this one call,
 * so that the servlet-level advice on every filter, chain and servlet reads the mark instead of looking the request
 * attribute up. The mark is cleared at both ends rather than restored: these calls never nest, and a mark set by a
 * {@code postParseRequest} woven while its caller was already running (an attach) is thereby gone by the end of
 * the thread's next request, instead of outliving it.
 */
final class ServiceAdvice {

    private ServiceAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter() {
        CorsBridge.endEntry(null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit() {
        CorsBridge.endEntry(null);
    }
}
