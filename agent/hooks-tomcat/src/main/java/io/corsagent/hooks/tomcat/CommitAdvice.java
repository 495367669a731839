package io.corsagent.hooks.tomcat;

import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

import org.apache.coyote.ActionCode;
import org.apache.coyote.Response;

/**
 * Inlined at the start of the processor's {@code action} (see {@link TomcatHook}): on {@code COMMIT}, right before
 * the processor writes the headers, the container-commit protocol ({@link HookProtocol#commit}). Any other action
 * returns after one reference comparison.
 */
final class CommitAdvice {

    private CommitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Origin Class<?> processor,
                      @Advice.Argument(0) ActionCode action,
                      @Advice.FieldValue("response") Response response) {
        if (action == ActionCode.COMMIT) {
            HookProtocol.commit(HookAdapters.get(TomcatHook.ADAPTER, processor), response);
        }
    }
}
