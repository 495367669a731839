package io.corsagent.hooks.servlet;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Arrays;
import java.util.List;

import io.corsagent.hooks.ContainerHook;
import io.corsagent.hooks.HookPoint;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The audit's view of the servlet filter chain (docs/DESIGN.md section 5): each {@code Filter#doFilter}'s entry and
 * exit, and each {@code FilterChain#doFilter} (the filter passed the request on) or {@code HttpServlet#service} call.
 * Observes only; never changes a request or response.
 *
 * <p>Filters are matched by a name containing "Filter" before the type hierarchy is walked, which keeps class loading
 * cheap (filters of Spring Security, Shiro, Keycloak, Tomcat and Jetty all follow that convention); a filter class
 * named otherwise is not observed. Written against javax.servlet and relocated for jakarta, like the fallback.
 */
public final class FilterAuditHook implements ContainerHook {

    private static final String FILTER = "javax.servlet.Filter";
    private static final String FILTER_CHAIN = "javax.servlet.FilterChain";
    private static final String HTTP_SERVLET = "javax.servlet.http.HttpServlet";
    private static final String SERVLET_REQUEST = "javax.servlet.ServletRequest";
    private static final String SERVLET_RESPONSE = "javax.servlet.ServletResponse";
    private static final String FILTER_ADVICE = "io.corsagent.hooks.servlet.FilterAdvice";
    private static final String CHAIN_CALL_ADVICE = "io.corsagent.hooks.servlet.ChainCallAdvice";

    @Override
    public String name() {
        // "filter-audit-javax" or, in the relocated copy, "filter-audit-jakarta".
        return "filter-audit-" + FILTER.substring(0, FILTER.indexOf('.'));
    }

    /** It only watches filters for the audit: woven alone, it guards nothing. */
    @Override
    public String entryId() {
        return null;
    }

    @Override
    public boolean isContainerEntry() {
        return false;
    }

    @Override
    public List<HookPoint> points() {
        ElementMatcher.Junction<MethodDescription> requestAndResponse = takesArgument(0, named(SERVLET_REQUEST))
                .and(takesArgument(1, named(SERVLET_RESPONSE)))
                .and(not(isAbstract()));
        return Arrays.asList(
                HookPoint.inSubtypes(FILTER, "Filter", "doFilter", takesArguments(3).and(requestAndResponse)
                        .and(takesArgument(2, named(FILTER_CHAIN))), FILTER_ADVICE),
                HookPoint.inSubtypes(FILTER_CHAIN, "Chain", "doFilter", takesArguments(2).and(requestAndResponse),
                        CHAIN_CALL_ADVICE),
                HookPoint.inClass(HTTP_SERVLET, "service", takesArguments(2).and(requestAndResponse), CHAIN_CALL_ADVICE));
    }
}
