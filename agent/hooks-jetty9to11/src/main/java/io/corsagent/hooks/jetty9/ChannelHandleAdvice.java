package io.corsagent.hooks.jetty9;

import io.corsagent.bridge.CorsBridge;

import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of {@code HttpChannel#handle()} of Jetty 9.4, 10 and 11, which runs
 * {@code Server#handle(HttpChannel)} for the request and then, in the same call, completes its response: the thread
 * mark the entry advice begins ({@link Jetty94EntryAdvice}, {@link Jetty10EntryAdvice}) lasts until this method
 * returns, so that the commit of a response completed after {@code Server#handle} returned finds its request's
 * decision by the mark ({@link JettyAdapter#kept}). The thread goes back to no mark: {@code handle()} calls do not
 * nest on a thread, and were one nested, the outer request would be left to its attribute, which the entry keeps as
 * well. Holds no Jetty type: one advice for both families.
 */
final class ChannelHandleAdvice {

    private ChannelHandleAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit() {
        CorsBridge.endEntry(null);
    }
}
