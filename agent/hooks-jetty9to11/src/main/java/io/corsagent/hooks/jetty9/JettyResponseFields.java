package io.corsagent.hooks.jetty9;

import static net.bytebuddy.matcher.ElementMatchers.declaresField;
import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.fieldType;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Arrays;
import java.util.List;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import io.corsagent.hooks.HookPoint;

/**
 * The points of {@link Jetty9Hook} and {@link Jetty10Hook}: the same three methods, of the Jetty whose {@code Response}
 * declares its header fields ({@code _fields}) with the given type.
 */
final class JettyResponseFields {

    /** The type of {@code Response#_fields} in Jetty 9.4. */
    static final String JETTY_94 = "org.eclipse.jetty.http.HttpFields";
    /** The type of {@code Response#_fields} in Jetty 10 and 11. */
    static final String JETTY_10 = "org.eclipse.jetty.http.HttpFields$Mutable";

    private static final String SERVER = "org.eclipse.jetty.server.Server";
    private static final String RESPONSE = "org.eclipse.jetty.server.Response";
    private static final String HTTP_CHANNEL = "org.eclipse.jetty.server.HttpChannel";

    private JettyResponseFields() {
    }

    /**
     * The entry ({@code Server#handle(HttpChannel)}), the end of its thread mark ({@code HttpChannel#handle()}) and the
     * commit ({@code Response#newResponseMetaData()}).
     */
    static List<HookPoint> points(String fieldsType, String entryAdvice, String commitAdvice) {
        ElementMatcher.Junction<TypeDescription> response = declaresField(named("_fields")
                .and(fieldType(named(fieldsType))));
        ElementMatcher.Junction<TypeDescription> channel = named(HTTP_CHANNEL)
                .and(declaresMethod(named("getResponse").and(returns(response))));
        return Arrays.asList(
                HookPoint.inClass(SERVER, "handle", takesArguments(1).and(takesArgument(0, channel)), entryAdvice),
                HookPoint.inClass(HTTP_CHANNEL, "handle", takesArguments(0).and(isDeclaredBy(channel)),
                        "io.corsagent.hooks.jetty9.ChannelHandleAdvice"),
                HookPoint.inClass(RESPONSE, "newResponseMetaData", takesArguments(0).and(isDeclaredBy(response)),
                        commitAdvice));
    }
}
