package io.corsagent.hooks.undertow;

import java.util.Map;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

import io.undertow.predicate.Predicate;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;

/**
 * Inlined into {@code HttpServerExchange#getResponseChannel()}: the first call is where Undertow commits the
 * response (it runs the response-commit listeners there; from then on status and headers are fixed). Every
 * response goes through it: servlet output, {@code flushBuffer()}, {@code sendError()} pages, and
 * {@code endExchange()} for a response without a body.
 */
final class ResponseChannelAdvice {

    private ResponseChannelAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This HttpServerExchange exchange) {
        try {
            if (!exchange.isResponseChannelAvailable() || exchange.isResponseStarted()) {
                return;
            }
            Map<String, Object> predicateContext = exchange.getAttachment(Predicate.PREDICATE_CONTEXT);
            // Removed, so the headers are settled once even if another channel is asked for later.
            Object cors = predicateContext == null ? null : predicateContext.remove(CorsBridge.EXCHANGE_ATTRIBUTE);
            if (!(cors instanceof CorsExchange)) {
                return;
            }
            HeaderMap responseHeaders = exchange.getResponseHeaders();
            // HeaderMap's cookie iteration (fastIterateNonEmpty/fiNext) allocates no iterator.
            int managed = 0;
            for (long c = responseHeaders.fastIterateNonEmpty(); c != -1L; c = responseHeaders.fiNextNonEmpty(c)) {
                HeaderValues values = responseHeaders.fiCurrent(c);
                if (CorsBridge.isManagedHeader(values.getHeaderName().toString())) {
                    managed += values.size();
                }
            }
            String[] appHeaders = managed == 0 ? CorsBridge.NO_HEADERS : new String[managed * 2];
            int next = 0;
            for (long c = managed == 0 ? -1L : responseHeaders.fastIterateNonEmpty(); c != -1L;
                 c = responseHeaders.fiNextNonEmpty(c)) {
                HeaderValues values = responseHeaders.fiCurrent(c);
                String name = values.getHeaderName().toString();
                if (CorsBridge.isManagedHeader(name)) {
                    for (int i = 0; i < values.size() && next < appHeaders.length; i++) {
                        appHeaders[next++] = name;
                        appHeaders[next++] = values.get(i);
                    }
                }
            }
            String[] headers = CorsBridge.commit((CorsExchange) cors, exchange.getStatusCode(), appHeaders);
            if (headers == null) {
                return;
            }
            for (int i = 0; i < appHeaders.length; i += 2) {
                responseHeaders.remove(appHeaders[i]);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                responseHeaders.add(HttpString.tryFromString(headers[i]), headers[i + 1]);
            }
        } catch (Throwable error) {
            CorsBridge.failed("undertow.commit", error);
        }
    }
}
