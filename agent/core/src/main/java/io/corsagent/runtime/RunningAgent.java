package io.corsagent.runtime;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

import io.corsagent.audit.AgentCounters;
import io.corsagent.audit.AgentEvents;
import io.corsagent.bridge.CorsBridge;
import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.log.AgentLog;
import io.corsagent.policy.LoadResult;
import io.corsagent.policy.Mode;
import io.corsagent.policy.PolicyLoader;
import io.corsagent.policy.Problem;
import io.corsagent.testing.FaultInjection;
import io.corsagent.testing.Timeline;

import org.tinylog.Logger;

/**
 * The agent once it runs in a JVM: its hooks, its policy file, its mode, and the engine currently installed in the
 * bridge. There is one per JVM; a second attach reconfigures it.
 *
 * <p>Every change of policy or mode builds a new immutable engine and swaps it into the bridge in one volatile
 * write, so a request sees either the old policy or the new one, never a mix. An invalid policy never replaces a
 * valid one.
 */
final class RunningAgent {

    /** The published status's counters are refreshed every this many watcher ticks (one second). */
    private static final int STATUS_TICKS = 4;

    /** Wait this long for a hook to be woven before warning that the agent guards nothing. */
    private static final long NOT_GUARDING_GRACE_MILLIS = 60_000;

    private final HookLedger hooks;
    private final AgentEvents events = new AgentEvents();
    private final Thread watcherThread;
    private final AgentMBeanRegistration mbean = new AgentMBeanRegistration(new CorsAgent(this));

    private volatile Path policyFile;
    private volatile PolicyWatcher watcher;
    /** The mode given on the command line; it overrides the file's mode until the next attach. */
    private volatile Mode modeOverride;
    private volatile CorsPolicyEngine engine;
    private volatile String lastLoad = "none";
    private volatile String attachId = "none";
    /** Policy loads refused (invalid, missing or unreadable file) since the agent started; guarded by this. */
    private long refusedLoads;
    /** The state last published, so that a change is logged once. */
    private String publishedState = "";
    private final long startedMillis = System.currentTimeMillis();
    private boolean warnedNotGuarding;

    /**
     * Installs the hooks (or takes those installed already) and activates the policy, if it is valid.
     *
     * @param installHooks installs the hooks and names them; called between building the engine and installing it
     */
    private RunningAgent(AgentArguments arguments, LoadResult policy, String cause,
                         Supplier<HookLedger> installHooks) {
        this.watcherThread = new Thread(this::watch, "cors-agent-policy-watcher");
        this.watcherThread.setDaemon(true);
        point(arguments);
        // The engine is built before the hooks go in and installed right after: otherwise, after an attach, its
        // classes would load and the policy compile between the last retransformation and enforcement, and the
        // requests of that gap would reach woven hooks with no engine behind them.
        CorsPolicyEngine built = policy.isValid() ? newEngine(policy) : null;
        this.hooks = installHooks.get();
        events.onLinkageFailure(this::switchOff);
        Timeline.mark(Timeline.AGENT, "hooks installed");
        Logger.info("hooks installed: {}", hooks.names());
        activate(policy, built, cause);
    }

    /**
     * Installs the hooks (or takes those installed already) and activates the policy, if it is valid; then
     * follows the file.
     *
     * @param cause        {@code start} or {@code attach}, as the status's last load tells it
     * @param installHooks installs the hooks and names them; called between building the engine and installing it
     */
    static RunningAgent start(AgentArguments arguments, LoadResult policy, String cause,
                              Supplier<HookLedger> installHooks) {
        RunningAgent agent = new RunningAgent(arguments, policy, cause, installHooks);
        agent.watcherThread.start();
        return agent;
    }

    /** A second attach: a new policy file and mode (or none: the file's mode again), same hooks. */
    synchronized void reconfigure(AgentArguments arguments, LoadResult policy) {
        point(arguments);
        activate(policy, "attach");
    }

    private void point(AgentArguments arguments) {
        Path file = Paths.get(arguments.policyFile()).toAbsolutePath();
        policyFile = file;
        watcher = new PolicyWatcher(file);
        modeOverride = arguments.mode() == null ? null : Mode.fromKeyword(arguments.mode());
        attachId = arguments.attachId() == null ? attachId : arguments.attachId();
    }

    /** @return whether the policy is now in effect; otherwise the previous engine (if any) stays */
    private synchronized boolean activate(LoadResult load, String cause) {
        return activate(load, load.isValid() ? newEngine(load) : null, cause);
    }

    /** The engine for a valid policy, in the mode from the command line if one was given there. */
    private CorsPolicyEngine newEngine(LoadResult load) {
        return new CorsPolicyEngine(load.policy(), modeOverride != null ? modeOverride : load.policy().mode(), events);
    }

    /**
     * @param built the engine of {@code load}, {@code null} when {@code load} is invalid. Installed first; what is
     *              only said about it (log lines, status) follows.
     */
    private synchronized boolean activate(LoadResult load, CorsPolicyEngine built, String cause) {
        if (built != null) {
            engine = built;
            CorsBridge.install(FaultInjection.wrap(built));
            Timeline.mark(Timeline.AGENT, "policy in effect");
        }
        // java.time, which tinylog's date format has set up already: SimpleDateFormat's calendar and locale
        // providers cost premain some 15 ms of CPU.
        String time = LocalDateTime.now().withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        if (built == null) {
            lastLoad = cause + " failed at " + time + ": " + load.errors().size() + " error(s) in " + load.source();
            refusedLoads++;
            reportInvalid(load, cause);
            publishStatus();
            return false;
        }
        for (Problem warning : load.warnings()) {
            Logger.warn("{}", warning);
        }
        lastLoad = cause + " ok at " + time;
        Logger.info("policy in effect: mode {}{}, policy {} ({} path rule(s))", built.mode().keyword(),
                modeOverride != null ? " (set on the command line)" : "", load.source(),
                load.policy().ruleCount() - 1);
        publishStatus();
        return true;
    }

    private void reportInvalid(LoadResult load, String cause) {
        StringBuilder message = new StringBuilder();
        message.append(engine == null
                ? "inactive: the policy has errors; the application runs without CORS enforcement until they are fixed"
                : "the new policy has errors and was not applied; the previous policy stays in effect");
        message.append(" (").append(cause).append(")");
        for (Problem problem : load.errors()) {
            message.append(System.lineSeparator()).append("  ").append(problem);
        }
        Logger.error("{}", message);
        if (engine == null && !AgentLog.isConsole()) {
            // Loudly, where an operator starting the app looks, whatever the log configuration says.
            System.err.println("cors-agent: " + message);
        }
    }

    /**
     * Polls the policy file; a change that settled is loaded, validated and swapped in (or refused). Also the
     * agent's housekeeping, so that request threads never do it: the status's counters are refreshed, the findings'
     * summary written when due, and the MBean registered once the app is up.
     */
    private void watch() {
        int ticks = 0;
        while (true) {
            try {
                Thread.sleep(PolicyWatcher.TICK_MILLIS);
                reloadIfChanged();
                if (++ticks % STATUS_TICKS == 0) {
                    publishStatus();
                    events.summarize();
                }
                mbean.registerWhenDue(events.servedRequest(), ticks * PolicyWatcher.TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                events.failed("policy-watcher", e);
            }
        }
    }

    /**
     * Under the same lock as {@link #reconfigure}: a reload must not load the previous file, then install it over
     * the policy a second attach has just put in place.
     */
    private synchronized void reloadIfChanged() {
        if (watcher.tick()) {
            activate(PolicyLoader.load(policyFile), "reload");
        }
    }

    /** The current engine, or {@code null} while no valid policy was ever loaded. */
    CorsPolicyEngine engine() {
        return engine;
    }

    Path policyFile() {
        return policyFile;
    }

    AgentEvents events() {
        return events;
    }

    /**
     * A hook's advice failed to link on a request: a member it calls is missing from this container release. The hook
     * is switched off and its classes restored, so that the requests after it go to the hooks still in effect (the
     * servlet-level fallback), rather than fail the same way each time.
     */
    private void switchOff(String failureId, LinkageError error) {
        if (hooks.switchOff(failureId, "its advice failed to link: " + error)) {
            Logger.error("hook {} switched off: its advice failed to link ({}); this container release is not one the"
                    + " hook supports, and no class keeps any of its advice. Report it with the container's version.",
                    failureId.substring(0, Math.max(0, failureId.indexOf('.'))), error.toString());
        }
    }

    /** {@code inactive} without a valid policy; else what the hooks guard: see {@link HookLedger#guardState}. */
    String state() {
        return engine == null ? "inactive" : hooks.guardState();
    }

    synchronized void publishStatus() {
        CorsPolicyEngine current = engine;
        AgentCounters counters = events.counters();
        String state = state();
        String reason = current == null ? "no valid policy" : hooks.reason();
        logStateChange(state, reason);
        new AgentStatus()
                .put("state", state)
                .put("reason", reason.isEmpty() ? "none" : reason)
                .put("mode", current == null ? "none" : current.mode().keyword())
                .put("mode-source", modeOverride != null ? "command line" : "policy file")
                .put("policy", policyFile)
                .put("hooks", String.join(",", hooks.names()))
                .put("guarding", hooks.guarding())
                .put("woven", hooks.wovenClasses())
                .put("last-load", lastLoad)
                .put("attach-id", attachId)
                .put("errors", events.errors())
                .put("loads-refused", refusedLoads)
                .put("log-failures", AgentLog.failures())
                .put("preflights-answered", counters.preflightsAnswered())
                .put("preflights-refused", counters.preflightsRefused())
                .put("preflights-would-answer", counters.preflightsWouldAnswer())
                .put("preflights-would-refuse", counters.preflightsWouldRefuse())
                .put("actual-allowed", counters.actualAllowed())
                .put("actual-denied", counters.actualDenied())
                .put("findings", events.findings())
                .publish();
    }

    /**
     * Says when the agent starts guarding, and warns once when, its policy valid, it has guarded nothing for a while:
     * an agent that is loaded must never pass for one that protects. Switched-off hooks and hidden bridges are
     * logged where they are found.
     */
    private void logStateChange(String state, String reason) {
        if ("not-guarding".equals(state) && !warnedNotGuarding
                && System.currentTimeMillis() - startedMillis >= NOT_GUARDING_GRACE_MILLIS) {
            warnedNotGuarding = true;
            Logger.warn("not guarding: the policy is valid, but no request reaches the agent: {}", reason);
        }
        if (!state.equals(publishedState) && ("active".equals(state) || "degraded".equals(state))) {
            Logger.info("{}: guarding {}", state, hooks.guarding());
        }
        publishedState = state;
    }
}
