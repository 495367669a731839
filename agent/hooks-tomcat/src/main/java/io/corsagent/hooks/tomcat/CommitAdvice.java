package io.corsagent.hooks.tomcat;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

import org.apache.coyote.ActionCode;
import org.apache.coyote.Response;
import org.apache.tomcat.util.http.MimeHeaders;

/**
 * Inlined at the start of the processor's {@code action} (see {@link TomcatHook}): on {@code COMMIT} of a response
 * that is not committed yet, settles its CORS headers with the request's exchange right before the processor writes
 * the headers. Any other action returns after one reference comparison. The settled fields go in as bytes (see
 * {@link CorsBridge#fieldBytes}).
 */
final class CommitAdvice {

    private CommitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) ActionCode action,
                      @Advice.FieldValue("response") Response response) {
        if (action != ActionCode.COMMIT) {
            return;
        }
        try {
            if (response.isCommitted()) {
                return;
            }
            Object exchange = response.getRequest().getAttribute(CorsBridge.EXCHANGE_ATTRIBUTE);
            if (!(exchange instanceof CorsExchange)) {
                return;
            }
            MimeHeaders headers = response.getMimeHeaders();
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
            // By name: removeHeader(int) is private in early 8.5 and 9.0 releases.
            for (int i = 0; i < appHeaders.length; i += 2) {
                headers.removeHeader(appHeaders[i]);
            }
            for (int i = 0; i + 1 < settled.length; i += 2) {
                byte[] name = CorsBridge.fieldBytes(settled[i]);
                byte[] value = CorsBridge.fieldBytes(settled[i + 1]);
                headers.addValue(name, 0, name.length).setBytes(value, 0, value.length);
            }
        } catch (Throwable error) {
            CorsBridge.failed("tomcat.commit", error);
        }
    }
}
