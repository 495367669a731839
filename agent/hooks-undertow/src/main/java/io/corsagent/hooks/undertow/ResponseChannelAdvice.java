package io.corsagent.hooks.undertow;

import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

import io.undertow.server.HttpServerExchange;

/**
 * Inlined into {@code HttpServerExchange#getResponseChannel()}: the first call is where Undertow commits the
 * response (it runs the response-commit listeners there; from then on status and headers are fixed), and where the
 * container-commit protocol runs ({@link HookProtocol#commit}). Every response goes through it: servlet output,
 * {@code flushBuffer()}, {@code sendError()} pages, and {@code endExchange()} for a response without a body.
 */
final class ResponseChannelAdvice {

    private ResponseChannelAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Origin Class<?> exchangeClass, @Advice.This HttpServerExchange exchange) {
        HookProtocol.commit(HookAdapters.get(UndertowHook.ADAPTER, exchangeClass), exchange);
    }
}
