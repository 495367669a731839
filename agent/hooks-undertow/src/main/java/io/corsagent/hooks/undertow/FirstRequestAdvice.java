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
 * ended without a body.
 *
 * <p>The thread's mark is how the servlet-level fallback knows the request is taken: Undertow runs every REQUEST
 * dispatch in this method ({@code ServletInitialHandler#dispatchRequest} calls it for REQUEST and ASYNC, synchronously,
 * and nothing else makes a REQUEST dispatch), and the mark lasts while it runs the deployment's handlers, filters and
 * servlet on this thread. When the method returns, the mark gives way to the one it replaced: a mock request
 * ({@code RequestDispatcherImpl#mock}) is a REQUEST dispatch of its own inside another's.
 *
 * <p>The rest of a REQUEST dispatch can run past this method only on a dispatched exchange, and there the mark does not
 * reach: a handler of the deployment that dispatched the exchange (Undertow's request limit, queueing it) runs the
 * rest once this method has returned. For that case alone the decision is also left as the servlet request attribute
 * {@link CorsBridge#EXCHANGE_ATTRIBUTE}, the fallback's sign of a request taken. An app that starts async may hand the
 * request to its own threads at once: {@link StartAsyncAdvice} leaves the attribute then. An app thread that runs the
 * chain while this one waits for it, without starting async, has neither (docs/DESIGN.md, section 4).
 */
final class FirstRequestAdvice {

    private FirstRequestAdvice() {
    }

    /** @return true to skip the handler chain: the agent answered the request itself */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@Advice.Origin Class<?> initialHandler,
                         @Advice.Argument(0) HttpServerExchange exchange,
                         @Advice.Argument(1) ServletRequestContext context,
                         @Advice.Local("outerEntry") Object outerEntry) {
        outerEntry = CorsBridge.entryDecision();
        // An ASYNC dispatch (the only other one that comes here) has an async context: decided already.
        try {
            return context.getOriginalRequest().getAsyncContextInternal() == null && HookProtocol.enter(
                    HookAdapters.get(UndertowHook.ADAPTER, initialHandler), exchange, exchange);
        } catch (Throwable error) {
            CorsBridge.failed("undertow.entry", error);
            return false;
        }
    }

    /** Leaves the attribute for a dispatched exchange, and ends the thread's mark, whether the method returns or throws. */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Argument(0) HttpServerExchange exchange,
                     @Advice.Argument(1) ServletRequestContext context,
                     @Advice.Local("outerEntry") Object outerEntry) {
        try {
            Object decision = CorsBridge.entryDecision();
            // Marked here, and dispatched by a handler: an async start has left the attribute already.
            if (decision != outerEntry && exchange.isDispatched()
                    && context.getOriginalRequest().getAsyncContextInternal() == null) {
                context.getOriginalRequest().setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, decision);
            }
        } catch (Throwable error) {
            CorsBridge.failed("undertow.entry", error);
        } finally {
            CorsBridge.endEntry(outerEntry);
        }
    }
}
