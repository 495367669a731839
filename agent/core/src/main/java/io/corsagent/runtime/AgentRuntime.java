package io.corsagent.runtime;

import java.lang.instrument.Instrumentation;
import java.nio.file.Paths;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.log.AgentLog;
import io.corsagent.log.LogFormat;
import io.corsagent.policy.LoadResult;
import io.corsagent.policy.PolicyLoader;
import io.corsagent.policy.Problem;
import io.corsagent.testing.Timeline;

/**
 * The agent's entry points in the target JVM, called by the launcher: {@code -javaagent} (premain) and attach
 * (agentmain).
 *
 * <p>The two differ on a bad policy. At start-up the application must start anyway: the agent says why it is
 * inactive and installs its hooks, so that a corrected file activates it without a restart. On attach, the
 * command must fail and the target stay as it was: nothing is installed and agentmain throws.
 */
public final class AgentRuntime {

    /**
     * Why the last attach was refused, as {@code <attach id>: <reason>}: the attach API only tells the attaching
     * command that agentmain threw, so the command reads the reason from here.
     */
    public static final String ATTACH_FAILURE_PROPERTY = "cors-agent.attach-failure";

    /** The hooks installed in this JVM, by premain or by the first attach. */
    private static HookLedger hooks;
    private static RunningAgent agent;

    private AgentRuntime() {
    }

    /**
     * Installs the hooks, then lets the rest of the start (policy, log, engine) run beside the application's own.
     * Until it is done, a request that reaches a hook waits for it, so none passes unchecked; what the hooks' weaving
     * has to say meanwhile is logged once the agent's log is set up (see {@link HookTransformer}).
     */
    public static synchronized void premain(String argument, Instrumentation instrumentation) {
        if (hooks != null) {
            return;
        }
        AgentArguments arguments;
        try {
            arguments = AgentArguments.parse(argument);
        } catch (IllegalArgumentException e) {
            System.err.println("cors-agent: inactive: " + e.getMessage());
            return;
        }
        WovenClassCache cache = arguments.weaveCache();
        DeferredWeaving deferred = new DeferredWeaving(instrumentation, AgentLog::whenConfigured);
        hooks = HookInstaller.install(instrumentation, arguments.hooks(), false, cache, deferred);
        CorsBridge.startBegins();
        Thread start = new Thread(() -> finishStart(arguments, cache, deferred), "cors-agent-start");
        start.setDaemon(true);
        start.start();
    }

    private static synchronized void finishStart(AgentArguments arguments, WovenClassCache cache,
                                                 DeferredWeaving deferred) {
        try {
            // First: the container classes the application loads meanwhile wait guarded for the weaver.
            HookInstaller.prepareWeaving(cache, deferred);
            LoadResult policy = PolicyLoader.load(Paths.get(arguments.policyFile()));
            configureLog(policy);
            agent = RunningAgent.start(arguments, policy, "start", () -> hooks);
        } catch (RuntimeException | LinkageError e) {
            System.err.println("cors-agent: not started, the application runs without it: " + e);
        } finally {
            CorsBridge.startEnded();
            // A start that failed before the log was set up: what the transformer has to say goes to stderr.
            AgentLog.configure(null, LogFormat.TEXT);
        }
    }

    public static synchronized void agentmain(String argument, Instrumentation instrumentation) {
        Timeline.mark(Timeline.AGENT, "agentmain started");
        AgentArguments arguments = AgentArguments.parse(argument);
        try {
            LoadResult policy = PolicyLoader.load(Paths.get(arguments.policyFile()));
            Timeline.mark(Timeline.AGENT, "policy loaded");
            if (!policy.isValid()) {
                StringBuilder errors = new StringBuilder("the policy has errors; nothing was changed:");
                for (Problem problem : policy.errors()) {
                    errors.append(System.lineSeparator()).append("  ").append(problem);
                }
                throw new IllegalArgumentException(errors.toString());
            }
            if (agent == null) {
                configureLog(policy);
                Timeline.mark(Timeline.AGENT, "log configured");
                agent = RunningAgent.start(arguments, policy, "attach", () -> {
                    if (hooks == null) {
                        hooks = HookInstaller.install(instrumentation, arguments.hooks(), true, arguments.weaveCache(),
                                DeferredWeaving.NEVER);
                    }
                    return hooks;
                });
            } else {
                agent.reconfigure(arguments, policy);
            }
        } catch (RuntimeException | LinkageError e) {
            System.setProperty(ATTACH_FAILURE_PROPERTY, arguments.attachId() + ": " + e.getMessage());
            throw e;
        }
    }

    /** The log settings of the first policy win: tinylog cannot be reconfigured once in use. */
    private static void configureLog(LoadResult policy) {
        if (policy.isValid()) {
            AgentLog.configure(policy.policy().logFile(), policy.policy().logFormat(), policy.policy().logApp());
        } else {
            AgentLog.configure(null, LogFormat.TEXT);
        }
    }
}
