package io.corsagent.hooks.jetty9;

import java.util.List;

import io.corsagent.hooks.ContainerHook;
import io.corsagent.hooks.HookPoint;

/**
 * Jetty 10 and 11: the same methods as {@link Jetty9Hook}'s, where the response's header fields are an
 * {@code HttpFields.Mutable}.
 */
public final class Jetty10Hook implements ContainerHook {

    @Override
    public String name() {
        return "jetty10";
    }

    @Override
    public List<HookPoint> points() {
        return JettyResponseFields.points(JettyResponseFields.JETTY_10,
                "io.corsagent.hooks.jetty9.Jetty10ServerHandleAdvice", "io.corsagent.hooks.jetty9.ResponseCommitAdvice");
    }
}
