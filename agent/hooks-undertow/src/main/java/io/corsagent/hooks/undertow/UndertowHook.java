package io.corsagent.hooks.undertow;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Arrays;
import java.util.List;

import io.corsagent.hooks.ContainerHook;
import io.corsagent.hooks.HookPoint;

/**
 * Undertow 2.x servlet deployments: the entry is {@code ServletInitialHandler#handleFirstRequest}, the commit is
 * {@code HttpServerExchange#getResponseChannel()}; {@code HttpServletRequestImpl#startAsync} tells the servlet-level
 * fallback that an async request is taken ({@link StartAsyncAdvice}).
 *
 * <p>Why {@code handleFirstRequest} and not {@code Connectors#executeRootHandler}: the root handler runs for every
 * dispatch of an exchange (IO thread, then worker) and before the deployment's own handlers, such as the URL
 * decoding handler a deployment with its own encoding adds; {@code handleFirstRequest} runs once per servlet
 * request, REQUEST and ASYNC dispatch only (told apart by the request's async context), on the path the deployment
 * serves, and before {@code next}: the deployment's security handlers, its outer handler wrappers and the filter
 * chain. Its servlet request context also gives the request object the servlet-level fallback looks at.
 */
public final class UndertowHook implements ContainerHook {

    /** The hook's {@link UndertowAdapter}, by name: its advice passes it as a constant. */
    static final String ADAPTER = "io.corsagent.hooks.undertow.UndertowAdapter";

    @Override
    public String name() {
        return "undertow";
    }

    @Override
    public String adapterClass() {
        return ADAPTER;
    }

    @Override
    public List<HookPoint> points() {
        return Arrays.asList(
                HookPoint.inClass("io.undertow.servlet.handlers.ServletInitialHandler", "handleFirstRequest", takesArguments(2)
                                .and(takesArgument(0, named("io.undertow.server.HttpServerExchange"))),
                        "io.corsagent.hooks.undertow.FirstRequestAdvice"),
                HookPoint.inClass("io.undertow.server.HttpServerExchange", "getResponseChannel", takesArguments(0),
                        "io.corsagent.hooks.undertow.ResponseChannelAdvice"),
                HookPoint.inClass("io.undertow.servlet.spec.HttpServletRequestImpl", "startAsync", isPublic(),
                        "io.corsagent.hooks.undertow.StartAsyncAdvice"));
    }
}
