package io.corsagent.hooks.jetty12;

import java.util.ListIterator;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.ResponseHttpFields;

/**
 * Inlined at the start of {@code ChannelResponse#lockedPrepareResponse}, which runs once per response, when the
 * channel commits it: settles the CORS headers with the request's exchange. The fields are already marked
 * committed for the app (their wrapper ignores changes); the advice edits the underlying mutable fields, as
 * the method itself does when it adds {@code Content-Length}.
 */
final class PrepareResponseAdvice {

    private PrepareResponseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.FieldValue("_request") Request request,
                      @Advice.FieldValue("_httpFields") ResponseHttpFields responseFields,
                      @Advice.FieldValue("_status") int status) {
        try {
            Object exchange = request.getAttribute(CorsBridge.EXCHANGE_ATTRIBUTE);
            if (!(exchange instanceof CorsExchange)) {
                return;
            }
            HttpFields.Mutable fields = responseFields.getMutableHttpFields();
            int managed = 0;
            for (int i = 0, n = fields.size(); i < n; i++) {
                if (CorsBridge.isManagedHeader(fields.getField(i).getName())) {
                    managed++;
                }
            }
            String[] appHeaders = managed == 0 ? CorsBridge.NO_HEADERS : new String[managed * 2];
            for (int i = 0, n = fields.size(), next = 0; i < n && next < appHeaders.length; i++) {
                HttpField field = fields.getField(i);
                if (CorsBridge.isManagedHeader(field.getName())) {
                    appHeaders[next++] = field.getName();
                    appHeaders[next++] = field.getValue();
                }
            }
            // A status of 0 means none was set: the method itself turns it into 200 next.
            String[] settled = CorsBridge.commit((CorsExchange) exchange, status == 0 ? 200 : status, appHeaders);
            if (settled == null) {
                return;
            }
            // One pass by position: remove(name) for each managed name would compare every field's name
            // case-insensitively once per name.
            for (ListIterator<HttpField> field = fields.listIterator(); field.hasNext(); ) {
                if (CorsBridge.isManagedHeader(field.next().getName())) {
                    field.remove();
                }
            }
            // Vary with its HttpHeader, the Access-Control-* names with none: Jetty 12.0.0's HttpHeader has no constant
            // for them, and add(name, value) would look every name up in Jetty's header index on every CORS response.
            // A field without an HttpHeader is written by its name, as any header Jetty does not know.
            for (int i = 0; i + 1 < settled.length; i += 2) {
                String name = settled[i];
                fields.add(new HttpField(name.equals("Vary") ? HttpHeader.VARY : null, name, settled[i + 1]));
            }
        } catch (Throwable error) {
            CorsBridge.failed("jetty12.commit", error);
        }
    }
}
