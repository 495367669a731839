package io.corsagent.hooks.jetty9;

import java.util.List;

import io.corsagent.hooks.ContainerHook;
import io.corsagent.hooks.HookPoint;

/**
 * Jetty 10 and 11: the same methods as {@link Jetty9Hook}'s, where the response's header fields are an
 * {@code HttpFields.Mutable} ({@link Jetty10Adapter}). Its requests count under the entry id {@code jetty9}, which is
 * that hook's too (only one of the two is ever woven in a JVM).
 */
public final class Jetty10Hook implements ContainerHook {

    /** The hook's {@link Jetty10Adapter}, by name: its advice passes it as a constant. */
    static final String ADAPTER = "io.corsagent.hooks.jetty9.Jetty10Adapter";

    @Override
    public String name() {
        return "jetty10";
    }

    @Override
    public String entryId() {
        return "jetty9";
    }

    @Override
    public String adapterClass() {
        return ADAPTER;
    }

    @Override
    public List<HookPoint> points() {
        return JettyResponseFields.points(JettyResponseFields.JETTY_10, "io.corsagent.hooks.jetty9.Jetty10EntryAdvice",
                "io.corsagent.hooks.jetty9.Jetty10CommitAdvice");
    }
}
