package io.corsagent.hooks.glassfish;

import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

import org.glassfish.grizzly.http.HttpResponsePacket;

/**
 * Inlined at the start of Grizzly's {@code HttpServerFilter#prepareResponse}, which runs once per response, right
 * before its status line and headers are encoded: the container-commit protocol ({@link HookProtocol#commit}). A
 * response without an exchange (a request the agent left alone, or a Grizzly server that is not GlassFish) returns
 * after one attribute lookup.
 */
final class PrepareResponseAdvice {

    private PrepareResponseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Origin Class<?> serverFilter, @Advice.Argument(2) HttpResponsePacket response) {
        HookProtocol.commit(HookAdapters.get(GlassFishHook.ADAPTER, serverFilter), response);
    }
}
