package io.corsagent.hooks.jetty9;

import java.util.List;

import io.corsagent.hooks.ContainerHook;
import io.corsagent.hooks.HookPoint;

/**
 * Jetty 10 and 11: the same methods as {@link Jetty9Hook}'s, where the response's header fields are an
 * {@code HttpFields.Mutable}. The entry advice is Jetty 9.4's, whose calls have the same descriptors in 10 and 11: it
 * counts requests and reports failures under the id {@code jetty9}, which is this hook's too (only one of the two is
 * ever woven in a JVM).
 */
public final class Jetty10Hook implements ContainerHook {

    @Override
    public String name() {
        return "jetty10";
    }

    @Override
    public String entryId() {
        return "jetty9";
    }

    @Override
    public List<HookPoint> points() {
        return JettyResponseFields.points(JettyResponseFields.JETTY_10, "io.corsagent.hooks.jetty9.ServerHandleAdvice",
                "io.corsagent.hooks.jetty9.ResponseCommitAdvice");
    }
}
