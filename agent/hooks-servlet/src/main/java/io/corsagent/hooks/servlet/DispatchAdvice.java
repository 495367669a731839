package io.corsagent.hooks.servlet;

import javax.servlet.http.HttpServlet;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.ServletLevelProtocol;

import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code FilterChain#doFilter} and {@code HttpServlet#service}. The first of them in a REQUEST
 * dispatch decides the request and answers a preflight, or a request refused by strict rejection, without calling the
 * chain ({@link ServletLevelProtocol#enter}), so the app's filters and servlet never see it.
 *
 * <p>For a request the app serves, the policy's headers go on at once (so they are there even when the app commits
 * the response early), and the response is reported when that first call returns ({@link ServletLevelProtocol#exit}:
 * settled if not committed yet, else reported as unsettled). The outermost call of a later ERROR or ASYNC dispatch of
 * the same request (an error page after {@code sendError()}, an async completion) settles it again. A response completed asynchronously without a dispatch is settled by {@link CompleteAdvice}.
 * What the app writes to a response after it is committed the fallback does not see; the container-entry hooks do.
 *
 * <p>Request attributes mark the request: {@link CorsBridge#EXCHANGE_ATTRIBUTE} when a container-entry hook saw
 * it, {@link CorsBridge#FALLBACK_ATTRIBUTE} once the fallback decided it (the exchange, or {@code FALSE} when the
 * policy leaves the request alone), {@link CorsBridge#FALLBACK_SETTLING_ATTRIBUTE} while the outermost call of a
 * later dispatch runs. Within an entry hook's method that marks its thread ({@link CorsBridge#entryDecision()}) the
 * mark answers first, so the attributes are not looked up.
 *
 * <p>The advice holds a test and a call, so that the woven methods stay small enough to be inlined.
 */
final class DispatchAdvice {

    private DispatchAdvice() {
    }

    /** @return true to skip the chain or servlet: the agent answered the request itself */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@Advice.Argument(0) Object request, @Advice.Argument(1) Object response,
                         @Advice.Local("fallback") Object fallback) {
        // A container-entry hook running on this thread decided the request: there is nothing to do here.
        if (CorsBridge.entryDecision() != null) {
            return false;
        }
        fallback = ServletLevelProtocol.enter(ServletFallbackHook.ADAPTER, HttpServlet.class, request, response);
        return fallback == ServletLevelProtocol.ANSWERED;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Argument(0) Object request, @Advice.Argument(1) Object response,
                     @Advice.Local("fallback") Object fallback) {
        if (fallback != null) {
            ServletLevelProtocol.exit(ServletFallbackHook.ADAPTER, HttpServlet.class, request, response, fallback);
        }
    }
}
