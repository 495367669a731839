package io.corsagent.hooks.glassfish;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.util.MimeHeaders;

/**
 * Inlined at the start of Grizzly's {@code HttpServerFilter#prepareResponse}, which runs once per response, right
 * before its status line and headers are encoded: settles the CORS headers of a response whose request
 * {@link PostParseRequestAdvice} kept an exchange for. Any other response (no exchange: a request the agent left
 * alone, or a Grizzly server that is not GlassFish) returns after one attribute lookup. The settled fields go in as
 * bytes (see {@link CorsBridge#fieldBytes}).
 */
final class PrepareResponseAdvice {

    private PrepareResponseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(1) HttpRequestPacket request,
                      @Advice.Argument(2) HttpResponsePacket response) {
        try {
            Object exchange = request == null ? null : request.getAttribute(CorsBridge.EXCHANGE_ATTRIBUTE);
            if (!(exchange instanceof CorsExchange)) {
                return;
            }
            MimeHeaders headers = response.getHeaders();
            int managed = 0;
            for (int i = 0, n = headers.size(); i < n; i++) {
                if (CorsBridge.isManagedHeader(headers.getName(i).toString())) {
                    managed++;
                }
            }
            String[] appHeaders = managed == 0 ? CorsBridge.NO_HEADERS : new String[managed * 2];
            for (int i = 0, n = headers.size(), next = 0; i < n && next < appHeaders.length; i++) {
                String name = headers.getName(i).toString();
                if (CorsBridge.isManagedHeader(name)) {
                    appHeaders[next++] = name;
                    appHeaders[next++] = headers.getValue(i).toString();
                }
            }
            String[] settled = CorsBridge.commit((CorsExchange) exchange, response.getStatus(), appHeaders);
            if (settled == null) {
                return;
            }
            // MimeHeaders removes by name only (every field of it, in any case).
            for (int i = 0; i < appHeaders.length; i += 2) {
                headers.removeHeader(appHeaders[i]);
            }
            for (int i = 0; i + 1 < settled.length; i += 2) {
                byte[] name = CorsBridge.fieldBytes(settled[i]);
                headers.addValue(name, 0, name.length).setBytes(CorsBridge.fieldBytes(settled[i + 1]));
            }
        } catch (Throwable error) {
            CorsBridge.failed("glassfish.commit", error);
        }
    }
}
