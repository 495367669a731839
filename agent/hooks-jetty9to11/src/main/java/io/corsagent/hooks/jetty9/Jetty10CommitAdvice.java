package io.corsagent.hooks.jetty9;

import java.util.concurrent.atomic.AtomicLong;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

import org.eclipse.jetty.server.Response;

/**
 * Inlined into {@code Response#newResponseMetaData()} of Jetty 10 and 11, which {@code HttpChannel#sendResponse}
 * calls exactly once, when it commits the response: the container-commit protocol ({@link HookProtocol#commit}). The
 * header fields read there are the ones that go on the wire. Every way to a committed response passes there: a normal
 * write or close, {@code flushBuffer()}, {@code sendError()} with or without an error page, and Jetty's own minimal
 * error response after {@code reset()}.
 *
 * <p>{@link Jetty10Adapter} adds the policy's headers through {@code Response#addHeader}, which Jetty turns into a
 * no-op after {@code sendError()} and during an include: the advice lifts that guard ({@code _errorSentAndIncludes},
 * an {@code AtomicLong}) for the commit only. A response not committed is a snapshot (the request log's), whose guard
 * stays as it is.
 */
final class Jetty10CommitAdvice {

    private Jetty10CommitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Origin Class<?> responseClass,
                      @Advice.This Response response,
                      @Advice.FieldValue("_errorSentAndIncludes") AtomicLong errorSentAndIncludes) {
        try {
            if (response.isCommitted()) {
                long guard = errorSentAndIncludes.getAndSet(0L);
                try {
                    HookProtocol.commit(HookAdapters.get(Jetty10Hook.ADAPTER, responseClass), response);
                } finally {
                    errorSentAndIncludes.set(guard);
                }
            }
        } catch (Throwable error) {
            CorsBridge.failed("jetty10.commit", error);
        }
    }
}
