package io.corsagent.hooks.jetty9;

import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

import org.eclipse.jetty.server.Response;

/**
 * Inlined into Jetty 9.4's {@code Response#newResponseMetaData()}, as {@link Jetty10CommitAdvice} is into 10's and
 * 11's: the container-commit protocol ({@link HookProtocol#commit}) on the fields that go on the wire, when the
 * response is committed; on one that is not, the method makes a snapshot (the request log's), not a commit.
 */
final class Jetty94CommitAdvice {

    private Jetty94CommitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Origin Class<?> responseClass, @Advice.This Response response) {
        if (response.isCommitted()) {
            HookProtocol.commit(HookAdapters.get(Jetty9Hook.ADAPTER, responseClass), response);
        }
    }
}
