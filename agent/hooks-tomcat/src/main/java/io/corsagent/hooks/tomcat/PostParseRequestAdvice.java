package io.corsagent.hooks.tomcat;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

import org.apache.catalina.connector.Response;

/**
 * Inlined at the end of {@code CoyoteAdapter#postParseRequest}, once Tomcat has decoded, normalised and mapped the
 * request: the container-entry protocol ({@link HookProtocol#enter}). A request the agent answers makes the method
 * return false, so that {@code CoyoteAdapter#service} skips the valve pipeline (authenticators, filters, the app) and
 * only finishes the response. A request Tomcat itself already failed (bad URI, redirect, {@code OPTIONS *}) is left
 * alone. The thread's mark lasts until {@code CoyoteAdapter#service} returns ({@link ServiceAdvice}).
 */
final class PostParseRequestAdvice {

    private PostParseRequestAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Origin Class<?> coyoteAdapter,
                     @Advice.Argument(0) org.apache.coyote.Request coyoteRequest,
                     @Advice.Argument(2) org.apache.coyote.Response coyoteResponse,
                     @Advice.Argument(3) Response response,
                     @Advice.Return(readOnly = false) boolean servePipeline) {
        try {
            if (servePipeline && !response.isError() && HookProtocol.enter(
                    HookAdapters.get(TomcatHook.ADAPTER, coyoteAdapter), coyoteRequest, coyoteResponse)) {
                servePipeline = false;
            }
        } catch (Throwable error) {
            CorsBridge.failed("tomcat.entry", error);
        }
    }
}
