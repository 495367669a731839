package io.corsagent.hooks.jetty9;

import io.corsagent.bridge.CorsBridge;

import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpChannel#handle()} of Jetty 9.4, 10 and 11, which runs {@code Server#handle(HttpChannel)}
 * for the request and then, in the same call, completes its response: the thread mark the entry advice begins
 * ({@link Jetty94EntryAdvice}, {@link Jetty10EntryAdvice}) lasts until this method returns, so that the commit of a
 * response completed after {@code Server#handle} returned finds its request's decision by the mark
 * ({@link JettyAdapter#kept}). Holds no Jetty type: one advice for both families.
 */
final class ChannelHandleAdvice {

    private ChannelHandleAdvice() {
    }

    /** @return the mark of an outer {@code handle()} on this thread, if any, for the exit to restore */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter() {
        return CorsBridge.entryDecision();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object outer) {
        CorsBridge.endEntry(outer);
    }
}
