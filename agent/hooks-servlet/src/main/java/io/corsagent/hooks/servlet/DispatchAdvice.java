package io.corsagent.hooks.servlet;

import java.util.Collection;

import javax.servlet.DispatcherType;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code FilterChain#doFilter} and {@code HttpServlet#service}. The first of them in a REQUEST
 * dispatch decides the request; it answers a preflight (or a request refused by strict rejection) without calling
 * the chain, so the app's filters and servlet never see it.
 *
 * <p>For a request the app serves, the policy's headers go on at once (so they are there even when the app
 * commits the response early), and are settled again when that first call returns, and when the outermost call of
 * a later ERROR or ASYNC dispatch of the same request returns (an error page after {@code sendError()}, an async
 * completion), each time only if the response is not committed yet: headers the app set meanwhile are replaced or
 * removed. A response completed asynchronously without a dispatch is settled by {@link CompleteAdvice}. What the app
 * writes to a response after it is committed the fallback does not see; the container-entry hooks do. The response
 * is reported to the audit once, when that first call returns (committed or not: a committed one with
 * {@link CorsBridge#commitUnsettled}, so that its findings do not claim headers the fallback could not set): the
 * early headers and the later settlements use {@link CorsBridge#settle}, which reports nothing.
 *
 * <p>Request attributes mark the request: {@link CorsBridge#EXCHANGE_ATTRIBUTE} when a container-entry hook saw
 * it (its exchange, or {@code FALSE} when it left the request alone), {@link CorsBridge#FALLBACK_ATTRIBUTE} once the
 * fallback decided it (the exchange, or {@code FALSE} when the policy leaves the request alone),
 * {@link CorsBridge#FALLBACK_SETTLING_ATTRIBUTE} while the outermost call of a later dispatch runs. Within an
 * entry hook's method that marks its thread ({@link CorsBridge#entryDecision}) the mark answers first, so the
 * attributes are not looked up.
 *
 * <p>The servlet API has no {@code removeHeader}, and Tomcat ignores {@code setHeader(name, null)}: the settled
 * headers therefore replace the app's with {@code setHeader} (which replaces on every container), and a header the
 * policy drops that the container will not remove is overwritten with an empty value.
 */
final class DispatchAdvice {

    private DispatchAdvice() {
    }

    /** @return true to skip the chain or servlet: the agent answered the request itself */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@Advice.Argument(0) ServletRequest servletRequest,
                         @Advice.Argument(1) ServletResponse servletResponse,
                         @Advice.Local("cors") CorsExchange cors,
                         @Advice.Local("settling") boolean settling) {
        try {
            // A container-entry hook running on this thread decided the request: there is nothing to do here.
            if (CorsBridge.entryDecision() != null
                    || !(servletRequest instanceof HttpServletRequest)
                    || !(servletResponse instanceof HttpServletResponse)) {
                return false;
            }
            DispatcherType dispatch = servletRequest.getDispatcherType();
            if (dispatch == DispatcherType.ERROR || dispatch == DispatcherType.ASYNC) {
                Object decided = servletRequest.getAttribute(CorsBridge.FALLBACK_ATTRIBUTE);
                if (decided instanceof CorsExchange
                        && servletRequest.getAttribute(CorsBridge.FALLBACK_SETTLING_ATTRIBUTE) == null) {
                    servletRequest.setAttribute(CorsBridge.FALLBACK_SETTLING_ATTRIBUTE, Boolean.TRUE);
                    settling = true;
                    cors = (CorsExchange) decided;
                }
                return false;
            }
            if (dispatch != DispatcherType.REQUEST
                    || servletRequest.getAttribute(CorsBridge.EXCHANGE_ATTRIBUTE) != null
                    || servletRequest.getAttribute(CorsBridge.FALLBACK_ATTRIBUTE) != null) {
                return false;
            }
            HttpServletRequest request = (HttpServletRequest) servletRequest;
            HttpServletResponse response = (HttpServletResponse) servletResponse;
            // getHeader first: getHeaders allocates an Enumeration, and without an Origin nothing else matters.
            String origin = request.getHeader("Origin") == null ? null
                    : CorsBridge.joinFieldValues(request.getHeaders("Origin"));
            String requestMethod = origin == null ? null
                    : CorsBridge.joinFieldValues(request.getHeaders("Access-Control-Request-Method"));
            String requestHeaders = origin == null ? null
                    : CorsBridge.joinFieldValues(request.getHeaders("Access-Control-Request-Headers"));
            // The path the container maps: decoded and normalised by the container, context path included. The
            // context path is the context's own: the request's is the segment as sent (Tomcat keeps its path
            // parameters and encoding: /app;x=y or /ap%70), which no path rule would match.
            String pathInfo = request.getPathInfo();
            String path = request.getServletContext().getContextPath() + request.getServletPath()
                    + (pathInfo == null ? "" : pathInfo);
            // The id of ServletFallbackHook#entryId, relocated with it in the jakarta copy.
            CorsExchange exchange = CorsBridge.enter("javax.servlet", request.getMethod(), origin, requestMethod,
                    requestHeaders, request.getScheme(), request.getServerName(), request.getServerPort(), path);
            request.setAttribute(CorsBridge.FALLBACK_ATTRIBUTE, exchange == null ? (Object) Boolean.FALSE : exchange);
            if (exchange == null || response.isCommitted()) {
                return false;
            }
            int status = exchange.answerStatus();
            if (status != 0) {
                response.setStatus(status);
                String[] answer = exchange.answerHeaders();
                for (int i = 0; i + 1 < answer.length; i += 2) {
                    response.addHeader(answer[i], answer[i + 1]);
                }
                return true;
            }
            // The policy's headers from the start, for a response the app commits before the exit below.
            String[] headers = CorsBridge.settle(exchange, null);
            for (int i = 0; headers != null && i + 1 < headers.length; i += 2) {
                response.addHeader(headers[i], headers[i + 1]);
            }
            cors = exchange;
            return false;
        } catch (Throwable error) {
            CorsBridge.failed("servlet.entry", error);
            return false;
        }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Argument(0) ServletRequest servletRequest,
                     @Advice.Argument(1) ServletResponse servletResponse,
                     @Advice.Local("cors") CorsExchange cors,
                     @Advice.Local("settling") boolean settling) {
        if (cors == null) {
            return;
        }
        try {
            if (settling) {
                servletRequest.removeAttribute(CorsBridge.FALLBACK_SETTLING_ATTRIBUTE);
            }
            HttpServletResponse response = (HttpServletResponse) servletResponse;
            boolean committed = response.isCommitted();
            if (committed && settling) {
                return;
            }
            Collection<String> names = response.getHeaderNames();
            int managed = 0;
            for (String name : names) {
                if (CorsBridge.isManagedHeader(name)) {
                    managed += response.getHeaders(name).size();
                }
            }
            String[] appHeaders = managed == 0 ? CorsBridge.NO_HEADERS : new String[managed * 2];
            int next = 0;
            for (String name : names) {
                if (CorsBridge.isManagedHeader(name)) {
                    for (String value : response.getHeaders(name)) {
                        if (next < appHeaders.length) {
                            appHeaders[next++] = name;
                            appHeaders[next++] = value;
                        }
                    }
                }
            }
            // The first call's exit reports the response, even one committed already (whose headers went out as the
            // app set them: its findings say so); a later dispatch only settles.
            String[] headers = settling ? CorsBridge.settle(cors, appHeaders)
                    : committed ? CorsBridge.commitUnsettled(cors, response.getStatus(), appHeaders)
                    : CorsBridge.commit(cors, response.getStatus(), appHeaders);
            if (headers == null || committed) {
                return;
            }
            // A name's first settled value replaces whatever the response holds under that name; the rest add.
            for (int i = 0; i + 1 < headers.length; i += 2) {
                if (CorsBridge.indexOfName(headers, headers[i], i) < 0) {
                    response.setHeader(headers[i], headers[i + 1]);
                } else {
                    response.addHeader(headers[i], headers[i + 1]);
                }
            }
            // A managed name the policy drops: setHeader(name, null) removes it on Jetty and Undertow, not on
            // Tomcat. There it is overwritten with an empty value, which is not an error: the Fetch standard
            // treats it as absent (an empty Access-Control-Allow-Origin matches no origin, an empty
            // -Allow-Credentials is not "true", an empty list allows or exposes nothing), so the response fails
            // closed. Only a container that keeps a non-empty value is a failure, counted once per response.
            String kept = null;
            for (int i = 0; i < appHeaders.length; i += 2) {
                String name = appHeaders[i];
                if (CorsBridge.indexOfName(headers, name, headers.length) >= 0
                        || CorsBridge.indexOfName(appHeaders, name, i) >= 0) {
                    continue;
                }
                response.setHeader(name, null);
                if (response.containsHeader(name)) {
                    response.setHeader(name, "");
                    String value = response.getHeader(name);
                    if (value != null && !value.isEmpty()) {
                        kept = name;
                    }
                }
            }
            if (kept != null) {
                CorsBridge.failed("servlet.exit",
                        new IllegalStateException("the container kept the header " + kept + " the policy drops"));
            }
        } catch (Throwable error) {
            CorsBridge.failed("servlet.exit", error);
        }
    }
}
