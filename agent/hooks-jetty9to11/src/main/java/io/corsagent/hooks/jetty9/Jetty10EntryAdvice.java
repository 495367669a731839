package io.corsagent.hooks.jetty9;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

import org.eclipse.jetty.server.HttpChannel;

/**
 * Inlined into Jetty 10's and 11's {@code Server#handle(HttpChannel)}: the container-entry protocol
 * ({@link HookProtocol#enter}) before any handler runs, with their adapter; {@link Jetty94EntryAdvice} is its twin for
 * 9.4. {@link ChannelHandleAdvice} ends the thread mark it begins.
 */
final class Jetty10EntryAdvice {

    private Jetty10EntryAdvice() {
    }

    /** @return true to skip {@code Server#handle}: the agent answered the request itself */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@Advice.Origin Class<?> server, @Advice.Argument(0) HttpChannel channel) {
        try {
            return HookProtocol.enter(HookAdapters.get(Jetty10Hook.ADAPTER, server), channel.getRequest(),
                    channel.getResponse());
        } catch (Throwable error) {
            CorsBridge.failed("jetty10.entry", error);
            return false;
        }
    }
}
