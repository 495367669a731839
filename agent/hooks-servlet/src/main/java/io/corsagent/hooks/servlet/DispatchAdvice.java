package io.corsagent.hooks.servlet;

import javax.servlet.DispatcherType;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.corsagent.bridge.ContainerAdapter;
import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;
import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code FilterChain#doFilter} and {@code HttpServlet#service}. The first of them in a REQUEST
 * dispatch decides the request ({@link HookProtocol#decide}) and answers a preflight, or a request refused by strict
 * rejection, without calling the chain ({@link HookProtocol#answer}), so the app's filters and servlet never see it.
 *
 * <p>For a request the app serves, the policy's headers go on at once ({@link HookProtocol#settle}, so they are there
 * even when the app commits the response early), and the response is reported when that first call returns
 * ({@link HookProtocol#report}: settled if not committed yet, else reported as unsettled). The outermost call of a
 * later ERROR or ASYNC dispatch of the same request (an error page after {@code sendError()}, an async completion)
 * settles it again. A response completed asynchronously without a dispatch is settled by {@link CompleteAdvice}.
 * What the app writes to a response after it is committed the fallback does not see; the container-entry hooks do.
 *
 * <p>Request attributes mark the request: {@link CorsBridge#EXCHANGE_ATTRIBUTE} when a container-entry hook saw
 * it, {@link CorsBridge#FALLBACK_ATTRIBUTE} once the fallback decided it (the exchange, or {@code FALSE} when the
 * policy leaves the request alone), {@link CorsBridge#FALLBACK_SETTLING_ATTRIBUTE} while the outermost call of a
 * later dispatch runs. Within an entry hook's method that marks its thread ({@link CorsBridge#entryDecision}) the
 * mark answers first, so the attributes are not looked up.
 */
final class DispatchAdvice {

    private DispatchAdvice() {
    }

    /** @return true to skip the chain or servlet: the agent answered the request itself */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@Advice.Origin Class<?> woven,
                         @Advice.Argument(0) ServletRequest servletRequest,
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
            ContainerAdapter<HttpServletRequest, HttpServletResponse> adapter =
                    HookAdapters.get(ServletFallbackHook.ADAPTER, woven);
            CorsExchange exchange = HookProtocol.decide(adapter, request);
            request.setAttribute(CorsBridge.FALLBACK_ATTRIBUTE, exchange == null ? (Object) Boolean.FALSE : exchange);
            if (exchange == null || response.isCommitted()) {
                return false;
            }
            Boolean answered = HookProtocol.answer(adapter, request, response, exchange);
            if (!Boolean.FALSE.equals(answered)) {
                // Answered: the chain is skipped; or failed: the app serves it as if the agent were absent.
                return answered != null;
            }
            HookProtocol.settle(adapter, response, exchange);
            cors = exchange;
            return false;
        } catch (Throwable error) {
            CorsBridge.failed(ServletAdapter.FAILURES + ".entry", error);
            return false;
        }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Argument(0) ServletRequest servletRequest,
                     @Advice.Argument(1) ServletResponse servletResponse,
                     @Advice.Origin Class<?> woven,
                     @Advice.Local("cors") CorsExchange cors,
                     @Advice.Local("settling") boolean settling) {
        if (cors == null) {
            return;
        }
        try {
            HttpServletResponse response = (HttpServletResponse) servletResponse;
            // Found again rather than kept in a local: a local's generic type would have to be resolved from the
            // woven class's loader, which on OSGi serves no class file of the bridge.
            ContainerAdapter<HttpServletRequest, HttpServletResponse> adapter =
                    HookAdapters.get(ServletFallbackHook.ADAPTER, woven);
            if (settling) {
                servletRequest.removeAttribute(CorsBridge.FALLBACK_SETTLING_ATTRIBUTE);
                HookProtocol.settle(adapter, response, cors);
            } else {
                HookProtocol.report(adapter, response, cors);
            }
        } catch (Throwable error) {
            CorsBridge.failed(ServletAdapter.FAILURES + ".commit", error);
        }
    }
}
