package io.corsagent.hooks.jetty9;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Response;

/**
 * Jetty 9.4's {@link ResponseCommitAdvice}, inlined into the same {@code Response#newResponseMetaData()}: in 9.4 the
 * private {@code _fields} is an {@code HttpFields} class, the very object the committed metadata carries, so the
 * advice edits it directly. That bypasses {@code Response#addHeader}, which ignores changes during an include and,
 * from 9.4.2x on, after {@code sendError()}: two guards of different fields across 9.4, neither of which the
 * advice then needs to touch.
 */
final class Jetty94CommitAdvice {

    private Jetty94CommitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Response response, @Advice.FieldValue("_fields") HttpFields fields) {
        try {
            // Not committed: Response#getCommittedMetaData() asking for a snapshot (request log), not a commit.
            if (!response.isCommitted()) {
                return;
            }
            Object exchange = response.getHttpChannel().getRequest().getAttribute(CorsBridge.EXCHANGE_ATTRIBUTE);
            if (!(exchange instanceof CorsExchange)) {
                return;
            }
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
            String[] settled = CorsBridge.commit((CorsExchange) exchange, response.getStatus(), appHeaders);
            if (settled == null) {
                return;
            }
            for (int i = 0; i < appHeaders.length; i += 2) {
                fields.remove(appHeaders[i]);
            }
            for (int i = 0; i + 1 < settled.length; i += 2) {
                fields.add(settled[i], settled[i + 1]);
            }
        } catch (Throwable error) {
            CorsBridge.failed("jetty9.commit", error);
        }
    }
}
