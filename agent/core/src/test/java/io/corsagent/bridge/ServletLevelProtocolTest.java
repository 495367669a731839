package io.corsagent.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The servlet-level advice's protocol over a fake servlet API: a request an entry hook decided costs the mark and
 * nothing else, the fallback decides a REQUEST dispatch once, settles a later dispatch again, and leaves anything but
 * an HTTP request alone.
 */
class ServletLevelProtocolTest {

    private static final AtomicInteger ADAPTER_NAMES = new AtomicInteger();

    /** A name of its own per test: {@link HookAdapters} keeps an adapter per name and class for good. */
    private final String adapterClass = "test.ServletLevelAdapter" + ADAPTER_NAMES.incrementAndGet();
    private final FakeAdapter adapter = new FakeAdapter();
    private final AtomicInteger adaptersMade = new AtomicInteger();
    private final TracedExchange exchange = new TracedExchange(true);
    private CorsExchange decision = exchange;

    @BeforeEach
    void install() {
        HookAdapters.install((name, woven) -> {
            adaptersMade.incrementAndGet();
            return name.equals(adapterClass) ? adapter : null;
        });
        CorsBridge.install(new CorsEngine() {
            @Override
            public CorsExchange enter(String method, String origin, String requestMethod, String requestHeaders,
                                      String scheme, String host, int port, String path) {
                return decision;
            }

            @Override
            public void failed(String hook, Throwable error) {
                throw new AssertionError(hook, error);
            }
        });
    }

    @AfterEach
    void uninstall() {
        CorsBridge.install(null);
        CorsBridge.endEntry(null);
    }

    @Test
    void aRequestAnEntryHookDecidedWithoutTracingItsChainNeedsNoAdapter() {
        CorsBridge.beginEntry(new TracedExchange(false), null);
        FakeRequest request = new FakeRequest("REQUEST");

        ServletLevelProtocol.chainCalled(adapterClass, String.class, request);

        assertNull(ServletLevelProtocol.filterEntered(adapterClass, String.class, "filter", request, "chain"));
        assertEquals(0, adaptersMade.get());
        assertEquals(0, request.attributesRead);
    }

    @Test
    void aTracedRequestHearsOfItsFiltersAndChainCallsInTheRequestDispatchOnly() {
        CorsBridge.beginEntry(exchange, null);

        ServletLevelProtocol.chainCalled(adapterClass, String.class, new FakeRequest("REQUEST"));
        ServletLevelProtocol.chainCalled(adapterClass, String.class, new FakeRequest("FORWARD"));
        assertSame(exchange, ServletLevelProtocol.filterEntered(adapterClass, String.class, "filter",
                new FakeRequest("REQUEST"), "chain"));

        assertEquals(1, exchange.chainCalls);
        assertEquals(1, exchange.filtersEntered);
    }

    @Test
    void theFallbackDecidesTheRequestDispatchOnceAndReportsItsResponse() {
        FakeRequest request = new FakeRequest("REQUEST");
        FakeResponse response = new FakeResponse();

        Object state = ServletLevelProtocol.enter(adapterClass, String.class, request, response);
        ServletLevelProtocol.exit(adapterClass, String.class, request, response, state);

        assertSame(exchange, state);
        assertSame(exchange, request.attributes.get(CorsBridge.FALLBACK_ATTRIBUTE));
        assertEquals("200", exchange.committed);
        assertNull(ServletLevelProtocol.enter(adapterClass, String.class, request, response),
                "a request the fallback decided is decided again");
    }

    @Test
    void aLaterDispatchOfADecidedRequestIsSettledAgainOnce() {
        FakeRequest request = new FakeRequest("ERROR");
        request.attributes.put(CorsBridge.FALLBACK_ATTRIBUTE, exchange);
        FakeResponse response = new FakeResponse();

        Object outer = ServletLevelProtocol.enter(adapterClass, String.class, request, response);
        Object inner = ServletLevelProtocol.enter(adapterClass, String.class, request, response);
        ServletLevelProtocol.exit(adapterClass, String.class, request, response, outer);

        assertNull(inner, "a nested call of the same dispatch settles too");
        assertEquals(1, exchange.settled);
        assertNull(request.attributes.get(CorsBridge.FALLBACK_SETTLING_ATTRIBUTE));
    }

    @Test
    void anythingButAnHttpRequestIsLeftAlone() {
        assertNull(ServletLevelProtocol.enter(adapterClass, String.class, "not a request", new FakeResponse()));
        ServletLevelProtocol.chainCalled(adapterClass, String.class, "not a request");
        assertEquals(0, exchange.chainCalls);
    }

    private static final class FakeRequest {
        final String dispatch;
        final Map<String, Object> attributes = new HashMap<>();
        int attributesRead;

        FakeRequest(String dispatch) {
            this.dispatch = dispatch;
        }
    }

    private static final class FakeResponse {
        final int status = 200;
    }

    private static final class FakeAdapter extends ServletLevelAdapter<FakeRequest, FakeResponse> {

        FakeAdapter() {
            super("fake-servlet", "fake-servlet-entry");
        }

        @Override
        protected boolean isRequest(Object request) {
            return request instanceof FakeRequest;
        }

        @Override
        protected boolean isResponse(Object response) {
            return response instanceof FakeResponse;
        }

        @Override
        protected Dispatch dispatch(FakeRequest request) {
            return request.dispatch.equals("REQUEST") ? Dispatch.REQUEST
                    : request.dispatch.equals("ERROR") ? Dispatch.LATER : Dispatch.INNER;
        }

        @Override
        protected Object attribute(FakeRequest request, String name) {
            request.attributesRead++;
            return request.attributes.get(name);
        }

        @Override
        protected void setAttribute(FakeRequest request, String name, Object value) {
            request.attributes.put(name, value);
        }

        @Override
        protected void removeAttribute(FakeRequest request, String name) {
            request.attributes.remove(name);
        }

        @Override
        protected Object servletContext(FakeRequest request) {
            return "context";
        }

        @Override
        protected String responseField(FakeResponse response, String name) {
            return null;
        }

        @Override
        protected String method(FakeRequest request) {
            return "GET";
        }

        @Override
        protected String path(FakeRequest request) {
            return "/api";
        }

        @Override
        protected String requestField(FakeRequest request, String name) {
            return null;
        }

        @Override
        protected String scheme(FakeRequest request) {
            return "http";
        }

        @Override
        protected String host(FakeRequest request) {
            return "own.test";
        }

        @Override
        protected int port(FakeRequest request) {
            return 8080;
        }

        @Override
        protected void keep(FakeRequest request, FakeResponse response, Object decision) {
            request.attributes.put(CorsBridge.FALLBACK_ATTRIBUTE, decision);
        }

        @Override
        protected Object kept(FakeResponse response) {
            return null;
        }

        @Override
        protected boolean isCommitted(FakeResponse response) {
            return false;
        }

        @Override
        protected int status(FakeResponse response) {
            return response.status;
        }

        @Override
        protected void setStatus(FakeResponse response, int status) {
            throw new AssertionError("no request here is answered");
        }

        @Override
        protected void readFields(FakeResponse response, ResponseFields fields) {
        }

        @Override
        protected void removeField(FakeResponse response, String name) {
        }

        @Override
        protected void addField(FakeResponse response, String name, String value) {
        }
    }

    /** An exchange the app serves, which counts what the protocol tells it. */
    private static final class TracedExchange extends CorsExchange {
        int chainCalls;
        int filtersEntered;
        int settled;
        String committed;

        TracedExchange(boolean observesChain) {
            super(observesChain);
        }

        @Override
        public int answerStatus() {
            return 0;
        }

        @Override
        public String[] answerHeaders() {
            return CorsBridge.NO_HEADERS;
        }

        @Override
        public String[] commitHeaders(int status, String[] appHeaders) {
            committed = String.valueOf(status);
            return null;
        }

        @Override
        public String[] settleHeaders(String[] appHeaders) {
            settled++;
            return null;
        }

        @Override
        public void filterEntered(Object filter, Object chain, Object servletContext) {
            filtersEntered++;
        }

        @Override
        public void chainCalled() {
            chainCalls++;
        }
    }
}
