package io.corsagent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.corsagent.cors.FilterChainTrace;

/** Chain levels, positions and the filter that stopped a request, from the events the advice reports. */
class FilterChainTraceTest {

    private static final String CONTAINER_CHAIN = "org.apache.catalina.core.ApplicationFilterChain";
    private static final String ENCODING = "org.springframework.boot.web.servlet.filter.OrderedCharacterEncodingFilter";
    private static final String PROXY = "org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean$1";
    private static final String SPRING_SECURITY = "org.springframework.security.web.FilterChainProxy";
    private static final String SECURITY_CHAIN = "org.springframework.security.web.FilterChainProxy$VirtualFilterChain";
    private static final String BASIC = "org.springframework.security.web.authentication.www.BasicAuthenticationFilter";
    private static final String AUTHORIZATION =
            "org.springframework.security.web.access.intercept.AuthorizationFilter";

    @Test
    void aFilterThatDidNotCallTheChainStoppedTheRequest() {
        FilterChainTrace trace = new FilterChainTrace();
        trace.chainCalled();
        trace.entered("a.Logging", CONTAINER_CHAIN, null);
        trace.chainCalled();
        trace.entered("a.Auth", CONTAINER_CHAIN, null);
        trace.exited(401, null);
        trace.exited(401, null);
        assertEquals(1, trace.stopper());
        assertEquals("filter 2 of the filter chain", MisorderedAuthFindings.position(trace, 1, "/x"));
        assertEquals(401, trace.exitStatus(1));
    }

    @Test
    void filtersOfAnInnerChainRunInsideTheFilterThatRunsIt() {
        FilterChainTrace trace = new FilterChainTrace();
        trace.chainCalled();
        trace.entered("a.Proxy", CONTAINER_CHAIN, null);
        trace.chainCalled();
        trace.entered("a.Csrf", "a.Proxy$VirtualChain", null);
        trace.chainCalled();
        trace.entered("a.InnerAuth", "a.Proxy$VirtualChain", null);
        assertEquals(2, trace.stopper());
        assertEquals(0, trace.exitStatus(2), "still running: the response was committed inside it");
        assertEquals("filter 2 of the inner chain of a.Proxy, filter 1 of the filter chain",
                MisorderedAuthFindings.position(trace, 2, "/x"));
    }

    /**
     * Spring Boot 2.7 (Spring Security 5.7): the container's chain holds one element for Spring Security, the
     * DelegatingFilterProxy the app registers as springSecurityFilterChain, which hands the container's chain to the
     * FilterChainProxy bean it delegates to.
     */
    @Test
    void aDelegateIsTheSameElementOfTheChainAsTheFilterThatDelegatesToIt() {
        FilterChainTrace trace = new FilterChainTrace();
        FakeServletContext context = new FakeServletContext("/app")
                .register("characterEncodingFilter", new FakeServletContext.Registration(ENCODING, "/*"))
                .register("springSecurityFilterChain", new FakeServletContext.Registration(PROXY, "/*"));
        trace.chainCalled();
        trace.entered(ENCODING, CONTAINER_CHAIN, context);
        trace.chainCalled();
        trace.entered(PROXY, CONTAINER_CHAIN, context);
        trace.entered(SPRING_SECURITY, CONTAINER_CHAIN, context);
        trace.chainCalled();
        trace.entered(BASIC, SECURITY_CHAIN, context);
        trace.chainCalled();
        trace.entered(AUTHORIZATION, SECURITY_CHAIN, context);
        trace.exited(200, null);

        assertEquals(4, trace.stopper());
        assertEquals(1, trace.containerElement(4));
        assertEquals(1, trace.element(2), "the FilterChainProxy bean is the proxy's delegate");
        assertEquals("filter 2 of the inner chain of " + SPRING_SECURITY + ", in the filter registered as"
                + " springSecurityFilterChain, filter 2 of the filter chain",
                MisorderedAuthFindings.position(trace, 4, "/app/api/me"));
        assertEquals("in the filter registered as springSecurityFilterChain, filter 2 of the filter chain",
                MisorderedAuthFindings.position(trace, 2, "/app/api/me"));
    }

    /**
     * Spring Boot 3.5 (Spring Security 6.5): the proxy delegates to a CompositeFilterChainProxy, which delegates to a
     * CompositeFilter whose inner chain runs another composite and then the FilterChainProxy. The levels between the
     * FilterChainProxy and the container's element are left out of the position; the container's element and the
     * inner filter's place in Spring Security's chain are kept.
     */
    @Test
    void nestedDelegatesAndCompositesStayOneElementOfTheContainersChain() {
        String composite = "org.springframework.web.filter.CompositeFilter";
        String compositeChain = "org.springframework.web.filter.CompositeFilter$VirtualFilterChain";
        FilterChainTrace trace = new FilterChainTrace();
        trace.chainCalled();
        trace.entered(ENCODING, CONTAINER_CHAIN, null);
        trace.chainCalled();
        trace.entered(PROXY, CONTAINER_CHAIN, null);
        trace.entered("org.springframework.security.config.annotation.web.configuration"
                + ".WebMvcSecurityConfiguration$CompositeFilterChainProxy", CONTAINER_CHAIN, null);
        trace.entered(composite, CONTAINER_CHAIN, null);
        trace.chainCalled();
        trace.entered("org.springframework.security.config.annotation.web.configuration"
                + ".WebSecurityConfiguration$CompositeFilterChainProxy", compositeChain, null);
        trace.entered(composite, compositeChain, null);
        trace.chainCalled();
        trace.entered("org.springframework.web.filter.ServletRequestPathFilter", compositeChain, null);
        trace.chainCalled();
        trace.entered(SPRING_SECURITY, compositeChain, null);
        trace.chainCalled();
        trace.entered(BASIC, SECURITY_CHAIN, null);
        trace.chainCalled();
        trace.entered(AUTHORIZATION, SECURITY_CHAIN, null);

        assertEquals(9, trace.stopper());
        assertEquals(1, trace.containerElement(9));
        assertEquals("filter 2 of the inner chain of " + SPRING_SECURITY + ", in " + PROXY + ", filter 2 of the"
                + " filter chain", MisorderedAuthFindings.position(trace, 9, "/app/api/me"));
    }

    @Test
    void afterAnInnerChainTheContainersChainGoesOn() {
        FilterChainTrace trace = new FilterChainTrace();
        trace.chainCalled();
        trace.entered(PROXY, CONTAINER_CHAIN, null);
        trace.entered(SPRING_SECURITY, CONTAINER_CHAIN, null);
        trace.chainCalled();
        trace.entered(BASIC, SECURITY_CHAIN, null);
        trace.chainCalled();
        trace.chainCalled();
        trace.entered("a.Auth", CONTAINER_CHAIN, null);
        trace.exited(401, null);

        assertEquals(3, trace.stopper());
        assertEquals(-1, trace.parent(3), "the last inner filter passed the request on to the container's chain");
        assertEquals("filter 2 of the filter chain", MisorderedAuthFindings.position(trace, 3, "/x"));
    }

    @Test
    void aChainThatRanToItsEndHasNoStopper() {
        FilterChainTrace trace = new FilterChainTrace();
        trace.chainCalled();
        trace.entered("a.Cors", CONTAINER_CHAIN, null);
        trace.chainCalled();
        trace.exited(401, null);
        assertEquals(-1, trace.stopper());
    }

    @Test
    void framesAreBounded() {
        FilterChainTrace trace = new FilterChainTrace();
        for (int i = 0; i < 1000; i++) {
            trace.entered("a.F" + i, CONTAINER_CHAIN, null);
        }
        assertEquals(FilterChainTrace.MAX_FRAMES, trace.frames());
    }

    @Test
    void filtersBeyondTheBoundDoNotCloseRecordedFramesThatStillRun() {
        FilterChainTrace trace = new FilterChainTrace();
        int deepest = FilterChainTrace.MAX_FRAMES - 1;
        for (int i = 0; i < FilterChainTrace.MAX_FRAMES + 3; i++) {
            trace.chainCalled();
            trace.entered("a.F" + i, CONTAINER_CHAIN, null);
        }
        // The three unrecorded filters stop and return; then the deepest recorded one returns with 401.
        trace.exited(200, null);
        trace.exited(200, null);
        trace.exited(200, null);
        assertEquals(0, trace.exitStatus(deepest), "still running until its own exit");
        trace.exited(401, null);

        assertEquals(FilterChainTrace.MAX_FRAMES, trace.frames());
        assertEquals(401, trace.exitStatus(deepest));
        assertTrue(trace.exited(deepest));
        assertFalse(trace.exited(deepest - 1), "the filter around it still runs");
        assertTrue(trace.running());
        assertTrue(trace.calledChain(deepest), "it passed the request on to the unrecorded filters");
        for (int i = deepest - 1; i >= 0; i--) {
            trace.exited(401, null);
        }
        assertFalse(trace.running());
    }
}
