package io.corsagent.hooks.jetty12;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Inlined into {@code Server#handle(Request, Response, Callback)}: decides the request on the canonical path
 * (decoded and normalised, context path included: the path every handler below matches) and answers it (a
 * preflight, or a request refused by strict rejection) before any handler runs: the answer's status and headers
 * go on the core response, the callback completes it (the channel commits it and writes the request log), and
 * the method body is skipped with a result of true (handled).
 *
 * <p>Otherwise the exchange stays with the request as an attribute for {@link PrepareResponseAdvice}; a request
 * the hook leaves alone (the engine's choice, a response already committed, or a path Jetty cannot make canonical,
 * which Jetty then refuses) is marked with {@code Boolean.FALSE}, so the servlet-level fallback never decides it
 * again. While {@code Server#handle} runs, the same decision marks the thread ({@link CorsBridge#beginEntry}): the
 * servlet-level advice reads it there rather than through the servlet request's wrappers.
 */
final class ServerHandleAdvice {

    private ServerHandleAdvice() {
    }

    /** @return true to skip {@code Server#handle}: the agent answered the request itself */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@Advice.Argument(0) Request request,
                         @Advice.Argument(1) Response response,
                         @Advice.Argument(2) Callback callback,
                         @Advice.Local("outerEntry") Object outerEntry) {
        try {
            HttpURI uri = request.getHttpURI();
            String path = uri.getCanonicalPath();
            CorsExchange exchange = null;
            if (path != null) {
                String origin = null;
                String requestMethod = null;
                String requestHeaders = null;
                HttpFields fields = request.getHeaders();
                for (int i = 0, n = fields.size(); i < n; i++) {
                    // Jetty's parsers give every header they know its HttpHeader: Origin compared by identity. The
                    // Access-Control-Request-* names by name: Jetty 12.0.0's HttpHeader has no constant for them.
                    HttpField field = fields.getField(i);
                    if (field.getHeader() == HttpHeader.ORIGIN) {
                        origin = CorsBridge.joinFieldValue(origin, field.getValue());
                    } else if (field.is("Access-Control-Request-Method")) {
                        requestMethod = CorsBridge.joinFieldValue(requestMethod, field.getValue());
                    } else if (field.is("Access-Control-Request-Headers")) {
                        requestHeaders = CorsBridge.joinFieldValue(requestHeaders, field.getValue());
                    }
                }
                // Scheme, host and port only matter for the same-origin test of a request with an Origin.
                String scheme = origin == null ? null
                        : uri.getScheme() != null ? uri.getScheme() : request.isSecure() ? "https" : "http";
                exchange = CorsBridge.enter("jetty12", request.getMethod(), origin, requestMethod,
                        requestHeaders, scheme, origin == null ? null : Request.getServerName(request),
                        origin == null ? -1 : Request.getServerPort(request), path);
            }
            int status = exchange == null ? 0 : exchange.answerStatus();
            if (status != 0 && !response.isCommitted()) {
                response.setStatus(status);
                HttpFields.Mutable headers = response.getHeaders();
                String[] answer = exchange.answerHeaders();
                for (int i = 0; i + 1 < answer.length; i += 2) {
                    headers.add(answer[i], answer[i + 1]);
                }
                callback.succeeded();
                return true;
            }
            Object decision = exchange == null || status != 0 ? (Object) Boolean.FALSE : exchange;
            request.setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, decision);
            outerEntry = CorsBridge.beginEntry(decision);
            return false;
        } catch (Throwable error) {
            CorsBridge.failed("jetty12.entry", error);
            return false;
        }
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
