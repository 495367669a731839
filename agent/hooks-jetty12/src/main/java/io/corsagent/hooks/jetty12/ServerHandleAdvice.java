package io.corsagent.hooks.jetty12;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Inlined into {@code Server#handle(Request, Response, Callback)}: the container-entry protocol
 * ({@link HookProtocol#enter}) before any handler runs. A request the agent answers has its callback completed (the
 * channel commits the response and writes the request log), and the method body is skipped with a result of true
 * (handled). The thread's mark lasts until the method returns, and then gives way to the one it replaced.
 */
final class ServerHandleAdvice {

    private ServerHandleAdvice() {
    }

    /** @return true to skip {@code Server#handle}: the agent answered the request itself */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@Advice.Origin Class<?> server,
                         @Advice.Argument(0) Request request,
                         @Advice.Argument(1) Response response,
                         @Advice.Argument(2) Callback callback,
                         @Advice.Local("outerEntry") Object outerEntry) {
        outerEntry = CorsBridge.entryDecision();
        try {
            if (HookProtocol.enter(HookAdapters.get(Jetty12Hook.ADAPTER, server), request, response)) {
                callback.succeeded();
                return true;
            }
        } catch (Throwable error) {
            CorsBridge.failed("jetty12.entry", error);
        }
        return false;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter boolean answered,
                     @Advice.Return(readOnly = false) boolean handled,
                     @Advice.Local("outerEntry") Object outerEntry) {
        CorsBridge.endEntry(outerEntry);
        if (answered) {
            handled = true;
        }
    }
}
