package io.corsagent.hooks.jetty12;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Arrays;
import java.util.List;

import io.corsagent.hooks.ContainerHook;
import io.corsagent.hooks.HookPoint;

/**
 * Jetty 12 (core, under ee8 and ee10 alike): the entry is {@code Server#handle(Request, Response, Callback)}, the
 * commit is {@code HttpChannelState.ChannelResponse#lockedPrepareResponse}.
 *
 * <p>{@code Server#handle} runs once per request, after the connector's customizers (forwarded headers) and
 * before every handler: contexts, sessions, the {@code SecurityHandler} and the servlet filters all run below it.
 * Error handling and async dispatches never pass through it again.
 *
 * <p>{@code lockedPrepareResponse} is where the core channel turns a response's status and fields into the
 * metadata it sends, once per response: on the first write, on completion without a write, and for the
 * {@code ErrorResponse} of a failed request (which calls it through {@code super}). The ee8 and ee10 responses
 * keep their headers in the core response's fields, so their {@code sendError()}, {@code reset()} and late
 * headers all end up there. Jetty 9.4-11 has a {@code Server} class too, but no such {@code handle} method.
 */
public final class Jetty12Hook implements ContainerHook {

    /** The hook's {@link Jetty12Adapter}, by name: its advice passes it as a constant. */
    static final String ADAPTER = "io.corsagent.hooks.jetty12.Jetty12Adapter";

    private static final String SERVER = "org.eclipse.jetty.server.Server";
    private static final String CHANNEL_RESPONSE = "org.eclipse.jetty.server.internal.HttpChannelState$ChannelResponse";

    @Override
    public String name() {
        return "jetty12";
    }

    @Override
    public String adapterClass() {
        return ADAPTER;
    }

    @Override
    public List<HookPoint> points() {
        return Arrays.asList(
                HookPoint.inClass(SERVER, "handle", takesArguments(3)
                                .and(takesArgument(0, named("org.eclipse.jetty.server.Request")))
                                .and(takesArgument(1, named("org.eclipse.jetty.server.Response")))
                                .and(takesArgument(2, named("org.eclipse.jetty.util.Callback"))),
                        "io.corsagent.hooks.jetty12.ServerHandleAdvice"),
                HookPoint.inClass(CHANNEL_RESPONSE, "lockedPrepareResponse", takesArguments(2),
                        "io.corsagent.hooks.jetty12.PrepareResponseAdvice"));
    }
}
