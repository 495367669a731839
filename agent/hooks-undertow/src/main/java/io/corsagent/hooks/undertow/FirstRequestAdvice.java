package io.corsagent.hooks.undertow;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.handlers.ServletRequestContext;

/**
 * Inlined into {@code ServletInitialHandler#handleFirstRequest(HttpServerExchange, ServletRequestContext)}: the
 * container-entry protocol ({@link HookProtocol#enter}) for a REQUEST dispatch, before the deployment's security
 * handlers, its request listeners and its filters run. A request the agent answers skips the method: the exchange is
 * ended without a body. The thread's mark lasts while {@code handleFirstRequest} runs the deployment's handlers,
 * filters and servlet.
 */
final class FirstRequestAdvice {

    private FirstRequestAdvice() {
    }

    /** @return true to skip the handler chain: the agent answered the request itself */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@Advice.Origin Class<?> initialHandler,
                         @Advice.Argument(0) HttpServerExchange exchange,
                         @Advice.Argument(1) ServletRequestContext context) {
        // An ASYNC dispatch (the only other one that comes here) has an async context: decided already.
        try {
            return context.getOriginalRequest().getAsyncContextInternal() == null && HookProtocol.enter(
                    HookAdapters.get(UndertowHook.ADAPTER, initialHandler), exchange, exchange);
        } catch (Throwable error) {
            CorsBridge.failed("undertow.entry", error);
            return false;
        }
    }

    /**
     * Ends the thread mark. Cleared rather than restored: a missing mark only sends the servlet-level advice to the
     * request attribute, while a mark left behind would stand for a request that is over.
     */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit() {
        CorsBridge.endEntry(null);
    }
}
