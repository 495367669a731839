package io.corsagent.hooks.glassfish;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Arrays;
import java.util.List;

import io.corsagent.hooks.ContainerHook;
import io.corsagent.hooks.HookPoint;

/**
 * GlassFish's web container (GlassFish, Payara Server, Payara Micro): the entry is its Catalina fork's
 * {@code CoyoteAdapter#postParseRequest}, the commit is Grizzly's {@code HttpServerFilter#prepareResponse}.
 *
 * <p>GlassFish's {@code CoyoteAdapter} is a Grizzly {@code HttpHandler}, not Tomcat's class of that name: its
 * {@code postParseRequest} takes Grizzly's request and response besides Catalina's, and a fifth argument, so the
 * Tomcat hook matches none of its methods and leaves it alone. It runs once per request, before the container's valve
 * pipeline (the authenticators of security constraints, filters, servlets), after the URI is decoded, normalised and
 * stripped of path parameters and the connector's proxy settings are applied; its result tells
 * {@code CoyoteAdapter#doService} whether to invoke the pipeline: returning false after answering skips container
 * security and the app, and Grizzly finishes the response as for any request served.
 *
 * <p>Every HTTP/1.1 response GlassFish sends has its status line and headers turned into bytes by Grizzly's
 * {@code HttpServerFilter#encodeHttpPacket}, which calls {@code prepareResponse} once, for the response's first
 * packet, while the response is not committed: whatever {@code sendError()}, an error page, {@code reset()} or a late
 * header did to the headers is final there.
 */
public final class GlassFishHook implements ContainerHook {

    /** The hook's {@link GlassFishAdapter}, by name: its advice passes it as a constant. */
    static final String ADAPTER = "io.corsagent.hooks.glassfish.GlassFishAdapter";

    private static final String COYOTE_ADAPTER = "org.apache.catalina.connector.CoyoteAdapter";
    private static final String HTTP_SERVER_FILTER = "org.glassfish.grizzly.http.HttpServerFilter";

    @Override
    public String name() {
        return "glassfish";
    }

    @Override
    public String adapterClass() {
        return ADAPTER;
    }

    @Override
    public List<HookPoint> points() {
        return Arrays.asList(
                HookPoint.inClass(COYOTE_ADAPTER, "postParseRequest", takesArguments(5)
                                .and(takesArgument(0, named("org.glassfish.grizzly.http.server.Request")))
                                .and(takesArgument(2, named("org.glassfish.grizzly.http.server.Response"))),
                        "io.corsagent.hooks.glassfish.PostParseRequestAdvice"),
                HookPoint.inClass(HTTP_SERVER_FILTER, "prepareResponse", takesArguments(4)
                                .and(takesArgument(1, named("org.glassfish.grizzly.http.HttpRequestPacket")))
                                .and(takesArgument(2, named("org.glassfish.grizzly.http.HttpResponsePacket"))),
                        "io.corsagent.hooks.glassfish.PrepareResponseAdvice"));
    }
}
