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
 * The servlet-level fallback: the first {@code FilterChain#doFilter} or {@code HttpServlet#service} of a REQUEST
 * dispatch, for containers without a hook at their entry, and {@code AsyncContext#complete} for the responses
 * completed asynchronously. It runs after container security (a container's own 401 wins) and before the app's
 * filters.
 *
 * <p>Written against javax.servlet; the build relocates this package and every javax.servlet name, string
 * constants included, into a jakarta copy, so the two variants are this one source.
 */
public final class ServletFallbackHook implements ContainerHook {

    /** The hook's {@link ServletAdapter}, by name: relocated with this package in the jakarta copy. */
    static final String ADAPTER = "io.corsagent.hooks.servlet.ServletAdapter";

    private static final String FILTER_CHAIN = "javax.servlet.FilterChain";
    private static final String HTTP_SERVLET = "javax.servlet.http.HttpServlet";
    private static final String SERVLET_REQUEST = "javax.servlet.ServletRequest";
    private static final String SERVLET_RESPONSE = "javax.servlet.ServletResponse";
    private static final String ASYNC_CONTEXT = "javax.servlet.AsyncContext";
    private static final String DISPATCH_ADVICE = "io.corsagent.hooks.servlet.DispatchAdvice";
    private static final String COMPLETE_ADVICE = "io.corsagent.hooks.servlet.CompleteAdvice";

    @Override
    public String name() {
        // "servlet-javax" or, in the relocated copy, "servlet-jakarta".
        return "servlet-" + FILTER_CHAIN.substring(0, FILTER_CHAIN.indexOf('.'));
    }

    /** {@link ServletAdapter} passes the servlet API's package, which relocation spells right in the jakarta copy. */
    @Override
    public String entryId() {
        return FILTER_CHAIN.substring(0, FILTER_CHAIN.lastIndexOf('.'));
    }

    @Override
    public String adapterClass() {
        return ADAPTER;
    }

    @Override
    public boolean isContainerEntry() {
        return false;
    }

    @Override
    public List<HookPoint> points() {
        ElementMatcher.Junction<MethodDescription> requestAndResponse = takesArguments(2)
                .and(takesArgument(0, named(SERVLET_REQUEST)))
                .and(takesArgument(1, named(SERVLET_RESPONSE)))
                .and(not(isAbstract()));
        return Arrays.asList(
                // Containers name their chains ...Chain (ApplicationFilterChain, ServletHandler$Chain,
                // FilterHandler$FilterChainImpl): the cheap name test keeps the type-hierarchy walk rare.
                HookPoint.inSubtypes(FILTER_CHAIN, "Chain", "doFilter", requestAndResponse, DISPATCH_ADVICE),
                // A servlet reached without any filter: HttpServlet's generic service() is where it starts.
                HookPoint.inClass(HTTP_SERVLET, "service", requestAndResponse, DISPATCH_ADVICE),
                // An asynchronous response completed without a dispatch: containers name their implementation
                // ...AsyncContext... (AsyncContextImpl, AsyncContextState).
                HookPoint.inSubtypes(ASYNC_CONTEXT, "AsyncContext", "complete",
                        takesArguments(0).and(not(isAbstract())), COMPLETE_ADVICE));
    }
}
