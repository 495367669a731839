package io.corsagent.hooks.jetty9;

import static net.bytebuddy.matcher.ElementMatchers.declaresField;
import static net.bytebuddy.matcher.ElementMatchers.fieldType;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Arrays;
import java.util.List;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

import io.corsagent.hooks.ContainerHook;
import io.corsagent.hooks.HookPoint;

/**
 * Jetty 9.4, 10 and 11: the entry is {@code Server#handle(HttpChannel)}, the commit is
 * {@code Response#newResponseMetaData()}.
 *
 * <p>{@code Server#handle(HttpChannel)} runs once per request, for the REQUEST dispatch only (async and error
 * dispatches go through {@code handleAsync} and {@code HttpChannel} itself), after the connector's customizers
 * (forwarded headers) and before any handler: the context, its {@code SecurityHandler} and the filters all run
 * below it. Jetty 12 also has a {@code Server} class, but no {@code handle(HttpChannel)}: nothing matches there.
 *
 * <p>The commit advice is chosen by the type of {@code Response}'s {@code _fields}, as the class declares it: an
 * {@code HttpFields} class in 9.4 ({@link Jetty94CommitAdvice}), an {@code HttpFields.Mutable} in 10 and 11
 * ({@link ResponseCommitAdvice}).
 */
public final class Jetty9Hook implements ContainerHook {

    private static final String SERVER = "org.eclipse.jetty.server.Server";
    private static final String RESPONSE = "org.eclipse.jetty.server.Response";
    private static final String HTTP_CHANNEL = "org.eclipse.jetty.server.HttpChannel";
    private static final String HTTP_FIELDS = "org.eclipse.jetty.http.HttpFields";

    @Override
    public String name() {
        return "jetty9";
    }

    @Override
    public List<HookPoint> points() {
        return Arrays.asList(
                HookPoint.inClass(SERVER, "handle", takesArguments(1).and(takesArgument(0, named(HTTP_CHANNEL))),
                        "io.corsagent.hooks.jetty9.ServerHandleAdvice"),
                HookPoint.inClass(RESPONSE, "newResponseMetaData", takesArguments(0).and(fieldsOfType(HTTP_FIELDS)),
                        "io.corsagent.hooks.jetty9.Jetty94CommitAdvice"),
                HookPoint.inClass(RESPONSE, "newResponseMetaData",
                        takesArguments(0).and(fieldsOfType(HTTP_FIELDS + "$Mutable")),
                        "io.corsagent.hooks.jetty9.ResponseCommitAdvice"));
    }

    /** Methods of a class whose {@code _fields} is of that type. */
    private static ElementMatcher<MethodDescription> fieldsOfType(String typeName) {
        return isDeclaredBy(declaresField(named("_fields").and(fieldType(named(typeName)))));
    }
}
