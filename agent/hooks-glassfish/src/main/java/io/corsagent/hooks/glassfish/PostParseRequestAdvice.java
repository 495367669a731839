package io.corsagent.hooks.glassfish;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Inlined at the end of GlassFish's {@code CoyoteAdapter#postParseRequest}: the container-entry protocol
 * ({@link HookProtocol#enter}). A request the agent answers gets its status and headers on Grizzly's response, and
 * the method's result is forced to false, so that {@code CoyoteAdapter#doService} skips the valve pipeline
 * (authenticators, filters, the app); Grizzly then finishes the empty response. A request GlassFish itself already
 * refused (bad URI, redirect, TRACE) or whose response is committed is left alone.
 */
final class PostParseRequestAdvice {

    private PostParseRequestAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Origin Class<?> coyoteAdapter,
                     @Advice.Argument(0) Request request,
                     @Advice.Argument(2) Response response,
                     @Advice.Return(readOnly = false) boolean servePipeline) {
        try {
            if (servePipeline && !response.isCommitted() && HookProtocol.enter(
                    HookAdapters.get(GlassFishHook.ADAPTER, coyoteAdapter), request, response.getResponse())) {
                servePipeline = false;
            }
        } catch (Throwable error) {
            CorsBridge.failed("glassfish.entry", error);
        }
    }
}
