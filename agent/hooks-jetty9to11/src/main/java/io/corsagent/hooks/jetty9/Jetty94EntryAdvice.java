package io.corsagent.hooks.jetty9;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

import org.eclipse.jetty.server.HttpChannel;

/**
 * Inlined into Jetty 9.4's {@code Server#handle(HttpChannel)}: the container-entry protocol ({@link HookProtocol#enter})
 * before any handler runs, so that neither Jetty's {@code SecurityHandler} nor the app's filters see a request the
 * agent answers; the method body is then skipped. The thread mark it begins is ended by {@link ChannelHandleAdvice}
 * when the enclosing {@code HttpChannel#handle()} returns. {@link Jetty10EntryAdvice} is its twin for 10 and 11, with
 * their adapter.
 */
final class Jetty94EntryAdvice {

    private Jetty94EntryAdvice() {
    }

    /** @return true to skip {@code Server#handle}: the agent answered the request itself */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@Advice.Origin Class<?> server, @Advice.Argument(0) HttpChannel channel) {
        try {
            return HookProtocol.enter(HookAdapters.get(Jetty9Hook.ADAPTER, server), channel.getRequest(),
                    channel.getResponse());
        } catch (Throwable error) {
            CorsBridge.failed("jetty9.entry", error);
            return false;
        }
    }
}
