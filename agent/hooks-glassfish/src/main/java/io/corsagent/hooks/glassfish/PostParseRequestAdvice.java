package io.corsagent.hooks.glassfish;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.MimeHeaders;

/**
 * Inlined at the end of GlassFish's {@code CoyoteAdapter#postParseRequest}: decides the request on the path the
 * container will serve (the request's decoded URI, which {@code postParseRequest} has normalised and stripped of path
 * parameters in place; context path included) and either answers it (a preflight, or a request refused by strict
 * rejection) or keeps the exchange with the request for {@link PrepareResponseAdvice}.
 *
 * <p>An answered request gets its status and headers on Grizzly's response, and the method's result is forced to
 * false, so that {@code CoyoteAdapter#doService} skips the valve pipeline (authenticators, filters, the app); Grizzly
 * then finishes the empty response. A request GlassFish itself already refused (bad URI, redirect, TRACE) is left
 * alone.
 *
 * <p>The exchange travels as an attribute of Grizzly's request packet: cleared when the packet is recycled, never
 * enumerated by the servlet request, yet visible to {@code ServletRequest#getAttribute} (Catalina's request falls back
 * to it), which the servlet-level fallback checks, so a request taken here is never decided twice. A request the
 * engine leaves alone is marked with {@code Boolean.FALSE} for the same reason.
 */
final class PostParseRequestAdvice {

    private PostParseRequestAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Argument(0) Request request,
                     @Advice.Argument(2) Response response,
                     @Advice.Return(readOnly = false) boolean servePipeline) {
        try {
            if (!servePipeline || response.isCommitted()) {
                return;
            }
            HttpRequestPacket packet = request.getRequest();
            String origin = null;
            String requestMethod = null;
            String requestHeaders = null;
            MimeHeaders headers = packet.getHeaders();
            for (int i = 0, n = headers.size(); i < n; i++) {
                DataChunk name = headers.getName(i);
                if (name.equalsIgnoreCase("Origin")) {
                    origin = CorsBridge.joinFieldValue(origin, headers.getValue(i).toString());
                } else if (name.equalsIgnoreCase("Access-Control-Request-Method")) {
                    requestMethod = CorsBridge.joinFieldValue(requestMethod, headers.getValue(i).toString());
                } else if (name.equalsIgnoreCase("Access-Control-Request-Headers")) {
                    requestHeaders = CorsBridge.joinFieldValue(requestHeaders, headers.getValue(i).toString());
                }
            }
            // Scheme and host only matter for the same-origin test of a request with an Origin.
            CorsExchange exchange = CorsBridge.enter("glassfish", packet.getMethod().getMethodString(), origin,
                    requestMethod, requestHeaders, origin == null ? null : request.getScheme(),
                    origin == null ? null : request.getServerName(), origin == null ? -1 : request.getServerPort(),
                    packet.getRequestURIRef().getDecodedRequestURIBC().toString());
            if (exchange == null) {
                packet.setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, Boolean.FALSE);
                return;
            }
            int status = exchange.answerStatus();
            if (status == 0) {
                packet.setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, exchange);
                return;
            }
            response.setStatus(status);
            String[] answer = exchange.answerHeaders();
            MimeHeaders answerHeaders = response.getResponse().getHeaders();
            for (int i = 0; i + 1 < answer.length; i += 2) {
                byte[] name = CorsBridge.fieldBytes(answer[i]);
                answerHeaders.addValue(name, 0, name.length).setBytes(CorsBridge.fieldBytes(answer[i + 1]));
            }
            servePipeline = false;
        } catch (Throwable error) {
            CorsBridge.failed("glassfish.entry", error);
        }
    }
}
