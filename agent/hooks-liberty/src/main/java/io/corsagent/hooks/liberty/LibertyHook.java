package io.corsagent.hooks.liberty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Arrays;
import java.util.List;

import io.corsagent.hooks.ContainerHook;
import io.corsagent.hooks.HookPoint;

/**
 * Open Liberty's web container, its javax and its jakarta bundle alike (tried on 25.0.0.11 with the servlet-4.0 and
 * servlet-6.0 features): the entry is {@code WebContainer#handleRequest(IRequest, IResponse, VirtualHost,
 * RequestProcessor)}, the commit is {@code SRTServletResponse#commit()}.
 *
 * <p>{@code handleRequest} is where the HTTP dispatcher hands a request to the web container, once per request and on
 * the request's own thread, before the container builds its servlet request, maps it to a servlet, and runs the
 * collaborators (application security: BASIC, FORM, JASPIC and the rest) and the application's filters. Its
 * {@code IRequest} and {@code IResponse} are the transport's request and response behind a servlet-free interface:
 * method, headers, URI and status are readable there, and a response set there is sent as it is when the dispatcher
 * finishes the connection, which it does as soon as {@code handleRequest} returns (unless the request went async).
 * So answering a preflight there and skipping the method leaves security, filters and servlets out entirely. Async
 * and error dispatches never pass through it.
 *
 * <p>{@code SRTConnectionContext#prepareForNextConnection} is where, inside {@code handleRequest}, the container's
 * servlet request comes into being: the exchange is kept with it there, among Liberty's private request attributes,
 * for the commit, which may run on another thread (an async request completed elsewhere).
 *
 * <p>Liberty's servlet response writes every header straight through to the transport's response, and commits it in
 * {@code SRTServletResponse#commit()}: from the first flush of its buffer, {@code flushBuffer()}, a redirect, or the
 * end of the request (after {@code sendError()} and error pages), right before the transport is told to write the
 * headers. Nothing the servlet API sets afterwards reaches the response.
 *
 * <p>Liberty ships each of these classes twice, in the javax and the jakarta web container bundle, under the same
 * names; the adapter and the advice touch only members without a servlet type in their descriptors, so one of each serves
 * both.
 */
public final class LibertyHook implements ContainerHook {

    /** The hook's {@link LibertyAdapter}, by name: its advice passes it as a constant. */
    static final String ADAPTER = "io.corsagent.hooks.liberty.LibertyAdapter";

    private static final String I_REQUEST = "com.ibm.websphere.servlet.request.IRequest";
    private static final String I_RESPONSE = "com.ibm.websphere.servlet.response.IResponse";

    @Override
    public String name() {
        return "liberty";
    }

    @Override
    public String adapterClass() {
        return ADAPTER;
    }

    @Override
    public List<HookPoint> points() {
        return Arrays.asList(
                HookPoint.inClass("com.ibm.ws.webcontainer.WebContainer", "handleRequest", takesArguments(4)
                                .and(takesArgument(0, named(I_REQUEST)))
                                .and(takesArgument(1, named(I_RESPONSE))),
                        "io.corsagent.hooks.liberty.HandleRequestAdvice"),
                HookPoint.inClass("com.ibm.ws.webcontainer.srt.SRTConnectionContext", "prepareForNextConnection",
                        takesArguments(2).and(takesArgument(0, named(I_REQUEST))),
                        "io.corsagent.hooks.liberty.NextConnectionAdvice"),
                HookPoint.inClass("com.ibm.ws.webcontainer.srt.SRTServletResponse", "commit", takesArguments(0),
                        "io.corsagent.hooks.liberty.CommitAdvice"));
    }
}
