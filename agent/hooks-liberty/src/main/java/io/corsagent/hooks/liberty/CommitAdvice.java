package io.corsagent.hooks.liberty;

import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

import com.ibm.ws.webcontainer.srt.SRTServletResponse;

/**
 * Inlined at the start of {@code SRTServletResponse#commit()}, right before the container adds its last headers of its
 * own and tells the transport to write them: the container-commit protocol ({@link HookProtocol#commit}), with the
 * exchange {@link NextConnectionAdvice} kept with the servlet request.
 */
final class CommitAdvice {

    private CommitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Origin Class<?> servletResponse, @Advice.This SRTServletResponse response) {
        HookProtocol.commit(HookAdapters.get(LibertyHook.ADAPTER, servletResponse), response);
    }
}
