package io.corsagent.hooks.jetty9;

import java.util.List;

import io.corsagent.hooks.ContainerHook;
import io.corsagent.hooks.HookPoint;

/**
 * Jetty 9.4: the entry is {@code Server#handle(HttpChannel)}, the commit is {@code Response#newResponseMetaData()}, and
 * the entry's thread mark lasts until {@code HttpChannel#handle()} returns ({@link ChannelHandleAdvice}).
 *
 * <p>{@code Server#handle(HttpChannel)} runs once per request, for the REQUEST dispatch only (async and error
 * dispatches go through {@code handleAsync} and {@code HttpChannel} itself), after the connector's customizers
 * (forwarded headers) and before any handler: the context, its {@code SecurityHandler} and the filters all run
 * below it. Jetty 12 also has a {@code Server} class, but no {@code handle(HttpChannel)}: nothing matches there.
 *
 * <p>Jetty 10 and 11 have the same three methods, but their response keeps its header fields in an
 * {@code HttpFields.Mutable}, where 9.4's has an {@code HttpFields} class: a commit advice compiled for one cannot
 * link in the other. Each family has its hook ({@link Jetty10Hook} for 10 and 11), its methods told apart by that type
 * ({@link JettyResponseFields}), so that a release weaves one hook whole and the other not at all.
 */
public final class Jetty9Hook implements ContainerHook {

    /** The hook's {@link Jetty94Adapter}, by name: its advice passes it as a constant. */
    static final String ADAPTER = "io.corsagent.hooks.jetty9.Jetty94Adapter";

    @Override
    public String name() {
        return "jetty9";
    }

    @Override
    public String adapterClass() {
        return ADAPTER;
    }

    @Override
    public List<HookPoint> points() {
        return JettyResponseFields.points(JettyResponseFields.JETTY_94, "io.corsagent.hooks.jetty9.Jetty94EntryAdvice",
                "io.corsagent.hooks.jetty9.Jetty94CommitAdvice");
    }
}
