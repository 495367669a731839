package io.corsagent.hooks.jetty12;

import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

import org.eclipse.jetty.server.Response;

/**
 * Inlined at the start of {@code ChannelResponse#lockedPrepareResponse}, which runs once per response, when the
 * channel commits it: the container-commit protocol ({@link HookProtocol#commit}) on the channel's own response.
 */
final class PrepareResponseAdvice {

    private PrepareResponseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Origin Class<?> channelResponse, @Advice.This Response response) {
        HookProtocol.commit(HookAdapters.get(Jetty12Hook.ADAPTER, channelResponse), response);
    }
}
