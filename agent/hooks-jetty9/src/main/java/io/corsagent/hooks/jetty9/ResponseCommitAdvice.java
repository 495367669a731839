package io.corsagent.hooks.jetty9;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Response;

/**
 * Inlined into {@code Response#newResponseMetaData()} of Jetty 10 and 11, which {@code HttpChannel#sendResponse}
 * calls exactly once, when it commits the response: the header fields read here are the ones that go on the wire.
 * Every way to a committed response passes here: a normal write or close, {@code flushBuffer()}, {@code sendError()}
 * with or without an error page, and Jetty's own minimal error response after {@code reset()}. Jetty 9.4 has
 * {@link Jetty94CommitAdvice} there instead.
 *
 * <p>Reads the fields through the private {@code _fields} (an {@code HttpFields.Mutable}, iterated as the
 * {@code Iterable<HttpField>} it is) and adds the policy's headers through {@code Response#addHeader}, which Jetty
 * turns into a no-op after {@code sendError()} and during an include: the advice lifts that guard
 * ({@code _errorSentAndIncludes}, an {@code AtomicLong}) for its own calls only. No call here names
 * {@code HttpFields}, an interface in 10 and 11 but a class in 9.4, so this class compiles against 9.4.
 */
final class ResponseCommitAdvice {

    private ResponseCommitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Response response,
                      @Advice.FieldValue("_fields") Iterable<?> fields,
                      @Advice.FieldValue("_errorSentAndIncludes") AtomicLong errorSentAndIncludes) {
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
            for (Object field : fields) {
                if (CorsBridge.isManagedHeader(((HttpField) field).getName())) {
                    managed++;
                }
            }
            // Iterators, not index loops: a call on HttpFields.Mutable would not compile against 9.4. A response
            // without managed headers (most) walks its fields once and allocates no array.
            String[] appHeaders = managed == 0 ? CorsBridge.NO_HEADERS : new String[managed * 2];
            int next = 0;
            for (Iterator<?> it = managed == 0 ? null : fields.iterator(); it != null && it.hasNext(); ) {
                HttpField httpField = (HttpField) it.next();
                if (next < appHeaders.length && CorsBridge.isManagedHeader(httpField.getName())) {
                    appHeaders[next++] = httpField.getName();
                    appHeaders[next++] = httpField.getValue();
                }
            }
            String[] headers = CorsBridge.commit((CorsExchange) exchange, response.getStatus(), appHeaders);
            if (headers == null) {
                return;
            }
            for (Iterator<?> it = fields.iterator(); it.hasNext(); ) {
                if (CorsBridge.isManagedHeader(((HttpField) it.next()).getName())) {
                    it.remove();
                }
            }
            long guard = errorSentAndIncludes.getAndSet(0L);
            try {
                for (int i = 0; i + 1 < headers.length; i += 2) {
                    response.addHeader(headers[i], headers[i + 1]);
                }
            } finally {
                errorSentAndIncludes.set(guard);
            }
        } catch (Throwable error) {
            CorsBridge.failed("jetty9.commit", error);
        }
    }
}
