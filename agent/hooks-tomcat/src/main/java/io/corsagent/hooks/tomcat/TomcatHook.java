package io.corsagent.hooks.tomcat;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Arrays;
import java.util.List;

import io.corsagent.hooks.ContainerHook;
import io.corsagent.hooks.HookPoint;

/**
 * Tomcat 8.5, 9.0, 10.1 and 11: the entry is {@code CoyoteAdapter#postParseRequest}, the commit is the processor's
 * {@code action(ActionCode.COMMIT, ..)}.
 *
 * <p>{@code postParseRequest} runs once per request, before the engine's valve pipeline (authenticators,
 * filters, servlets); by its end the URI is decoded, normalised, stripped of path parameters and mapped, and the
 * connector's proxy settings are applied. Error pages, forwards and async dispatches never pass through it, so
 * the decision is made once, for the REQUEST dispatch only. Its return value tells {@code CoyoteAdapter#service}
 * whether to invoke the pipeline at all: returning false after answering skips container security and the app.
 * {@code CoyoteAdapter#service} itself only scopes the thread mark of that decision to the request it serves.
 *
 * <p>Every coyote processor (HTTP/1.1, HTTP/2 stream, AJP) commits its headers through its {@code action} with
 * {@code COMMIT} (from the output buffer's first write or flush, from {@code CLOSE}, and from the processor's
 * end-of-request path), right before {@code prepareResponse()} turns the headers into bytes: whatever
 * {@code sendError()}, an error page, {@code reset()} or a late header did to them is final there. In 9.0 and later
 * 8.5 releases that {@code action} is {@code AbstractProcessor}'s, and final; in early 8.5 releases each processor
 * declares its own and {@code AbstractProcessor} none: a point on the processors ({@code AbstractProcessor} and its
 * subtypes), woven wherever {@code action} is declared.
 */
public final class TomcatHook implements ContainerHook {

    /** The hook's {@link TomcatAdapter}, by name: its advice passes it as a constant. */
    static final String ADAPTER = "io.corsagent.hooks.tomcat.TomcatAdapter";

    private static final String COYOTE_ADAPTER = "org.apache.catalina.connector.CoyoteAdapter";
    private static final String ABSTRACT_PROCESSOR = "org.apache.coyote.AbstractProcessor";

    @Override
    public String name() {
        return "tomcat";
    }

    @Override
    public String adapterClass() {
        return ADAPTER;
    }

    @Override
    public List<HookPoint> points() {
        return Arrays.asList(
                HookPoint.inClass(COYOTE_ADAPTER, "postParseRequest", takesArguments(4)
                                .and(takesArgument(0, named("org.apache.coyote.Request"))),
                        "io.corsagent.hooks.tomcat.PostParseRequestAdvice"),
                HookPoint.inClass(COYOTE_ADAPTER, "service", takesArguments(2)
                                .and(takesArgument(0, named("org.apache.coyote.Request"))),
                        "io.corsagent.hooks.tomcat.ServiceAdvice"),
                HookPoint.inSubtypes(ABSTRACT_PROCESSOR, "Processor", "action", takesArguments(2)
                                .and(takesArgument(0, named("org.apache.coyote.ActionCode"))),
                        "io.corsagent.hooks.tomcat.CommitAdvice"));
    }
}
