package io.corsagent.testing;

import io.corsagent.bridge.CorsEngine;
import io.corsagent.bridge.CorsExchange;

import org.tinylog.Logger;

/**
 * TEST ONLY. {@code -Dcors-agent.test.fail-in=<point>} makes the installed engine throw at that point of every
 * request, so the test suite can prove that a failure inside the agent never reaches the application: the request
 * goes on as if the agent were absent, one log line names the failing hook, the {@code errors} counter counts
 * every occurrence. The points are where the container hooks call into the agent:
 * <ul>
 *   <li>{@code enter}: the decision itself (caught by {@code CorsBridge.enter});</li>
 *   <li>{@code answer}: reading the decision inside a container's entry advice (caught by the advice);</li>
 *   <li>{@code link}: the same place, failing as advice does that calls a member missing from the container
 *       release (a {@link NoSuchMethodError});</li>
 *   <li>{@code commit}: the response headers at commit (caught by {@code CorsBridge.commit}).</li>
 * </ul>
 * Read once, when this class initialises; without the property the engine is installed as it is.
 */
public final class FaultInjection {

    private static final String PROPERTY = TestSwitches.FAIL_IN;

    private static final String POINT = System.getProperty(PROPERTY);

    private FaultInjection() {
    }

    /** @return {@code engine}, or, when the test switch is set, an engine that fails at the named point */
    public static CorsEngine wrap(CorsEngine engine) {
        if (POINT == null) {
            return engine;
        }
        // Said at every activation: a test switch left in JAVA_OPTS must not go unnoticed in production.
        Logger.warn("the test-only switch -D{}={} is set: every request fails inside cors-agent on purpose,"
                + " and the application runs without CORS enforcement. Remove it outside tests", PROPERTY, POINT);
        return new FailingEngine(engine, POINT);
    }

    private static IllegalStateException injected(String point) {
        return new IllegalStateException("failure injected by -D" + PROPERTY + "=" + point + " (test only)");
    }

    private static final class FailingEngine implements CorsEngine {
        private final CorsEngine engine;
        private final String point;

        FailingEngine(CorsEngine engine, String point) {
            this.engine = engine;
            this.point = point;
        }

        @Override
        public CorsExchange enter(String method, String origin, String requestMethod, String requestHeaders,
                                  String scheme, String host, int port, String path) {
            if (point.equals("enter")) {
                throw injected(point);
            }
            CorsExchange exchange = engine.enter(method, origin, requestMethod, requestHeaders, scheme, host, port,
                    path);
            return exchange == null ? null : new FailingExchange(exchange, point);
        }

        @Override
        public void failed(String hook, Throwable error) {
            engine.failed(hook, error);
        }
    }

    private static final class FailingExchange extends CorsExchange {
        private final CorsExchange exchange;
        private final String point;

        FailingExchange(CorsExchange exchange, String point) {
            super(exchange.observesChain());
            this.exchange = exchange;
            this.point = point;
        }

        @Override
        public int answerStatus() {
            if (point.equals("answer")) {
                throw injected(point);
            }
            if (point.equals("link")) {
                throw new NoSuchMethodError("failure injected by -D" + PROPERTY + "=" + point + " (test only)");
            }
            return exchange.answerStatus();
        }

        @Override
        public String[] answerHeaders() {
            return exchange.answerHeaders();
        }

        @Override
        public String[] commitHeaders(int status, String[] appHeaders) {
            if (point.equals("commit")) {
                throw injected(point);
            }
            return exchange.commitHeaders(status, appHeaders);
        }

        @Override
        public String[] settleHeaders(String[] appHeaders) {
            if (point.equals("commit")) {
                throw injected(point);
            }
            return exchange.settleHeaders(appHeaders);
        }

        @Override
        public void filterEntered(Object filter, Object chain, Object servletContext) {
            exchange.filterEntered(filter, chain, servletContext);
        }

        @Override
        public void filterExited(int status, String location) {
            exchange.filterExited(status, location);
        }

        @Override
        public void chainCalled() {
            exchange.chainCalled();
        }

        @Override
        public void unsettled(String reason) {
            exchange.unsettled(reason);
        }
    }
}
