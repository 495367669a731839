package io.corsagent.hooks.liberty;

import java.util.Enumeration;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

import com.ibm.websphere.servlet.response.IResponse;
import com.ibm.ws.webcontainer.internalRuntimeExport.srt.IPrivateRequestAttributes;
import com.ibm.ws.webcontainer.srt.SRTServletResponse;
import com.ibm.wsspi.webcontainer.servlet.IExtendedRequest;

/**
 * Inlined at the start of {@code SRTServletResponse#commit()}: settles the CORS headers of a response not committed
 * yet with its request's exchange (kept by {@link NextConnectionAdvice}), right before the container adds its last
 * headers of its own and tells the transport to write them. The headers are the transport response's, read and
 * changed through its {@code IResponse}; the settled ones go in as bytes (see {@link CorsBridge#fieldBytes}).
 */
final class CommitAdvice {

    private CommitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This SRTServletResponse response) {
        try {
            if (response.isCommitted()) {
                return;
            }
            IExtendedRequest request = response.getRequest();
            Object exchange = request instanceof IPrivateRequestAttributes
                    ? ((IPrivateRequestAttributes) request).getPrivateAttribute(CorsBridge.EXCHANGE_ATTRIBUTE) : null;
            if (!(exchange instanceof CorsExchange)) {
                return;
            }
            IResponse headers = response.getIResponse();
            int managed = 0;
            for (Enumeration<?> names = headers.getHeaderNames(); names.hasMoreElements(); ) {
                String name = (String) names.nextElement();
                if (CorsBridge.isManagedHeader(name)) {
                    for (Enumeration<?> values = headers.getHeaders(name); values.hasMoreElements(); ) {
                        values.nextElement();
                        managed++;
                    }
                }
            }
            String[] appHeaders = managed == 0 ? CorsBridge.NO_HEADERS : new String[managed * 2];
            int next = 0;
            for (Enumeration<?> names = managed == 0 ? null : headers.getHeaderNames();
                 names != null && names.hasMoreElements(); ) {
                String name = (String) names.nextElement();
                if (CorsBridge.isManagedHeader(name)) {
                    for (Enumeration<?> values = headers.getHeaders(name);
                         values.hasMoreElements() && next < appHeaders.length; ) {
                        appHeaders[next++] = name;
                        appHeaders[next++] = (String) values.nextElement();
                    }
                }
            }
            String[] settled = CorsBridge.commit((CorsExchange) exchange, response.getStatusCode(), appHeaders);
            if (settled == null) {
                return;
            }
            for (int i = 0; i < appHeaders.length; i += 2) {
                headers.removeHeader(appHeaders[i]);
            }
            for (int i = 0; i + 1 < settled.length; i += 2) {
                headers.addHeader(CorsBridge.fieldBytes(settled[i]), CorsBridge.fieldBytes(settled[i + 1]));
            }
        } catch (Throwable error) {
            CorsBridge.failed("liberty.commit", error);
        }
    }
}
