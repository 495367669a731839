package io.corsagent.hooks.tomcat;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.MimeHeaders;

/**
 * Inlined at the end of {@code CoyoteAdapter#postParseRequest}: decides the request on the path Tomcat will serve
 * ({@code decodedURI}: decoded, normalised, without path parameters, context path included) and either answers
 * it (a preflight, or a request refused by strict rejection) or keeps the exchange with the coyote request for
 * {@link CommitAdvice}.
 *
 * <p>An answered request gets its status and headers on the coyote response, an entry in the access log (as
 * {@code postParseRequest}'s own early answers do), and the method's result is forced to false, so that
 * {@code CoyoteAdapter#service} skips the valve pipeline (authenticators, filters, the app) and only finishes the
 * response. A request Tomcat itself already failed (bad URI, redirect, {@code OPTIONS *}) is left alone.
 *
 * <p>The exchange travels as a coyote request attribute: recycled with the request, never enumerated by the
 * servlet request, yet visible to {@code ServletRequest#getAttribute} (which the servlet-level fallback checks,
 * so a request taken here is never decided twice). A request the engine leaves alone is marked with
 * {@code Boolean.FALSE} for the same reason. The same decision marks the thread ({@link CorsBridge#beginEntry})
 * until {@code CoyoteAdapter#service} returns ({@link ServiceAdvice}): the servlet-level advice on every filter,
 * chain and servlet of the REQUEST dispatch reads it there rather than looking the attribute up.
 */
final class PostParseRequestAdvice {

    private PostParseRequestAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Argument(0) org.apache.coyote.Request coyoteRequest,
                     @Advice.Argument(1) Request request,
                     @Advice.Argument(2) org.apache.coyote.Response coyoteResponse,
                     @Advice.Argument(3) Response response,
                     @Advice.FieldValue("connector") Connector connector,
                     @Advice.Return(readOnly = false) boolean servePipeline) {
        try {
            if (!servePipeline || response.isError() || coyoteResponse.isCommitted()) {
                return;
            }
            String origin = null;
            String requestMethod = null;
            String requestHeaders = null;
            MimeHeaders headers = coyoteRequest.getMimeHeaders();
            for (int i = 0, n = headers.size(); i < n; i++) {
                MessageBytes name = headers.getName(i);
                if (name.equalsIgnoreCase("Origin")) {
                    String value = headers.getValue(i).toString();
                    origin = CorsBridge.joinFieldValue(origin, value);
                } else if (name.equalsIgnoreCase("Access-Control-Request-Method")) {
                    String value = headers.getValue(i).toString();
                    requestMethod = CorsBridge.joinFieldValue(requestMethod, value);
                } else if (name.equalsIgnoreCase("Access-Control-Request-Headers")) {
                    String value = headers.getValue(i).toString();
                    requestHeaders = CorsBridge.joinFieldValue(requestHeaders, value);
                }
            }
            // method() rather than getMethod(), which only later 9.0 releases have. Scheme and host only matter for
            // the same-origin test of a request with an Origin; serverName is bytes from the Host header, so its
            // String would be one more allocation per plain request.
            CorsExchange exchange = CorsBridge.enter("tomcat", coyoteRequest.method().toString(), origin,
                    requestMethod, requestHeaders, origin == null ? null : coyoteRequest.scheme().toString(),
                    origin == null ? null : coyoteRequest.serverName().toString(), coyoteRequest.getServerPort(),
                    coyoteRequest.decodedURI().toString());
            int status = exchange == null ? 0 : exchange.answerStatus();
            if (status == 0) {
                Object decision = exchange == null ? (Object) Boolean.FALSE : exchange;
                coyoteRequest.setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, decision);
                // Until CoyoteAdapter#service returns (ServiceAdvice restores the thread's mark).
                CorsBridge.beginEntry(decision);
                return;
            }
            coyoteResponse.setStatus(status);
            String[] answer = exchange.answerHeaders();
            MimeHeaders answerHeaders = coyoteResponse.getMimeHeaders();
            for (int i = 0; i + 1 < answer.length; i += 2) {
                byte[] name = CorsBridge.fieldBytes(answer[i]);
                byte[] value = CorsBridge.fieldBytes(answer[i + 1]);
                answerHeaders.addValue(name, 0, name.length).setBytes(value, 0, value.length);
            }
            Context context = request.getContext();
            if (context != null) {
                context.logAccess(request, response, 0, true);
            } else {
                connector.getService().getContainer().logAccess(request, response, 0, true);
            }
            servePipeline = false;
        } catch (Throwable error) {
            CorsBridge.failed("tomcat.entry", error);
        }
    }
}
