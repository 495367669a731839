package io.corsagent.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;

import io.corsagent.policy.LoadResult;
import io.corsagent.policy.PolicyLoader;
import io.corsagent.policy.Problem;
import io.corsagent.testing.Timeline;

/**
 * {@code attach <pid|name> policy.properties [--mode ...]}: loads the agent into a running JVM, or reconfigures the
 * agent already there, and reports success only once the target confirms it.
 *
 * <p>The policy is validated here, with the agent's own loader, while the attach connection is being made (see
 * {@link PendingAttach}), so that a bad policy fails the command with its errors before anything is loaded into the
 * target. Each attach carries a fresh id in the agent argument; the agent publishes the id of the attach it took
 * with the result of the load, and this command polls for it.
 */
public final class AttachCommand implements Command {

    static final String AGENT_JAR_PROPERTY = "cors-agent.cli.jar";

    private static final String MODE = "--mode";
    private static final String TIMEOUT = "--timeout";
    /**
     * agentmain publishes the status before it returns, so after a normal loadAgent the first read confirms; the
     * polling is for the JDK pairings whose loadAgent reports an error although the agent started.
     */
    private static final long POLL_MILLIS = 10;
    /**
     * The id only tells this attach from earlier ones, it guards nothing: no SecureRandom, whose providers and
     * seeding would load dozens of classes into a command that should answer at once.
     */
    private static final Random IDS = new Random();

    @Override
    public String name() {
        return "attach";
    }

    @Override
    public String summary() {
        return "load the agent into a running JVM, or reconfigure it there";
    }

    @Override
    public String help() {
        return "Usage: java -jar cors-agent.jar attach <pid | name> <policy.properties> [--mode enforce|audit|off]\n"
                + "         [--timeout <seconds>]\n"
                + "\n"
                + "Loads cors-agent into a running JVM, which then enforces (or audits) the policy from its next\n"
                + "request; classes already loaded are instrumented in small batches. <name> is a part of the main\n"
                + "class or jar that matches exactly one JVM ('list' shows them). Run it as the user the JVM runs as.\n"
                + "\n"
                + "The policy is validated first: with errors, the command lists them and changes nothing. Success\n"
                + "is reported only when the target confirms that it took this attach and that the policy is in\n"
                + "effect. Attaching again reconfigures the agent already there (policy file and mode) without\n"
                + "instrumenting anything twice. The policy file is watched: a valid edit takes effect within 2 s,\n"
                + "an invalid one is refused and the previous policy stays. Publish edits with an atomic rename.\n"
                + "\n"
                + "Options:\n"
                + "  --mode      enforce, audit or off: overrides the policy's mode until the next attach (a reload\n"
                + "              of the file keeps it). 'off' stops all enforcement: the way to detach.\n"
                + "  --timeout   seconds to wait for the target's confirmation (default 10)\n"
                + "\n"
                + "Java 21 and later print a warning in the target when an agent is loaded into a running JVM; start\n"
                + "it with -XX:+EnableDynamicAgentLoading to allow attach without it.\n"
                + "\n"
                + "Exit codes: 0 attached and confirmed; 1 the policy is invalid, or the agent in the target refused\n"
                + "it (nothing changed); 2 wrong usage; 3 no such process, not a JVM, or a name matching no JVM or\n"
                + "several; 4 attach impossible (another user's JVM, -XX:+DisableAttachMechanism,\n"
                + "-XX:-EnableDynamicAgentLoading, unreadable agent jar); 5 loaded but not confirmed in time; 6 loaded\n"
                + "with the policy in effect, but guarding nothing: no hook could be woven into any loaded class\n"
                + "(see 'status' for the reason).\n";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws UsageException {
        long started = System.nanoTime();
        Arguments parsed = Arguments.parse(arguments, Collections.<String>emptySet(),
                new HashSet<>(Arrays.asList(MODE, TIMEOUT)));
        if (parsed.positionals().size() != 2) {
            throw new UsageException("attach takes a pid or name and a policy file, e.g. attach 12345 policy.properties");
        }
        String mode = mode(parsed.single(MODE));
        long timeoutMillis = timeoutMillis(parsed.single(TIMEOUT));
        Path policyFile = Paths.get(parsed.positionals().get(1)).toAbsolutePath().normalize();
        if (policyFile.toString().indexOf(',') >= 0) {
            throw new UsageException("the policy path must not contain ',' (the agent argument's separator): "
                    + policyFile);
        }

        PendingAttach pending = PendingAttach.start(parsed.positionals().get(0));
        LoadResult policy = PolicyLoader.load(policyFile);
        Timeline.mark(Timeline.CLI, "policy validated");
        for (Problem problem : policy.problems()) {
            err.println(problem);
        }
        if (!policy.isValid()) {
            pending.abandon();
            err.println("cors-agent attach: " + policy.source() + " is invalid (" + policy.errors().size()
                    + " error(s)); nothing was attached and the target is unchanged");
            return ExitCode.REFUSED;
        }
        try {
            return attach(pending.await(), policyFile, mode, timeoutMillis, started, out, err);
        } catch (CommandFailure failure) {
            err.println("cors-agent attach: " + failure.getMessage());
            return failure.exitCode();
        }
    }

    private static int attach(PendingAttach.Attached attached, Path policyFile, String mode, long timeoutMillis,
                              long started, PrintStream out, PrintStream err) throws CommandFailure {
        String attachId = newAttachId();
        StringBuilder argument = new StringBuilder(policyFile.toString());
        if (mode != null) {
            argument.append(",mode=").append(mode);
        }
        argument.append(",attach-id=").append(attachId);

        try (TargetVm target = attached.target) {
            Properties before = target.systemProperties();
            JvmProcess jvm = attached.jvm.namedBy(before);
            Timeline.mark(Timeline.CLI, "properties read");
            TargetStatus previous = TargetStatus.of(before);
            ProcessFacts.Owner owner = ProcessFacts.owner(jvm.pid());
            if (owner != null && !owner.isCurrentUser()) {
                err.println("Note: process " + jvm.pid() + " runs as '" + owner.name() + "': " + agentJar()
                        + " and " + policyFile + " must be readable by that user.");
            }
            target.loadAgent(agentJar(), argument.toString());
            Timeline.mark(Timeline.CLI, "agent loaded");
            TargetStatus confirmed = awaitConfirmation(target, attachId, timeoutMillis);
            Timeline.mark(Timeline.CLI, "confirmed");
            if (!confirmed.lastLoadSucceeded()) {
                err.println("cors-agent attach: the agent in " + jvm.pid() + " did not apply the policy: "
                        + confirmed.get("last-load"));
                return ExitCode.REFUSED;
            }
            if ("not-guarding".equals(confirmed.get("state"))) {
                err.println("cors-agent attach: the agent is loaded in " + jvm.pid() + " with a valid policy, but it"
                        + " guards nothing: " + confirmed.get("reason"));
                return ExitCode.NOT_GUARDING;
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            out.println((previous == null ? "cors-agent attached to " : "cors-agent reconfigured in ") + jvm.pid()
                    + " (" + jvm.mainOrJar() + ", Java " + before.getProperty("java.version") + "), confirmed by the"
                    + " target after " + millis + " ms");
            out.println("  mode    " + confirmed.get("mode") + ("command line".equals(confirmed.get("mode-source"))
                    ? " (from --mode, until the next attach)" : " (from the policy file)"));
            out.println("  policy  " + confirmed.get("policy") + " (watched: a valid edit applies within 2 s)");
            out.println("  hooks   " + confirmed.get("hooks")
                    + (previous == null ? "" : " (already installed; nothing was instrumented again)"));
            out.println("  guards  " + confirmed.get("guarding"));
            if ("degraded".equals(confirmed.get("state"))) {
                err.println("Warning: not every hook is in effect: " + confirmed.get("reason"));
            }
            if (previous == null) {
                warnAboutDynamicLoading(target, jvm, before, err);
            }
            return ExitCode.OK;
        }
    }

    private static TargetStatus awaitConfirmation(TargetVm target, String attachId, long timeoutMillis)
            throws CommandFailure {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        TargetStatus status;
        while (true) {
            status = TargetStatus.of(target.systemProperties());
            if (status != null && status.confirms(attachId)) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new CommandFailure(ExitCode.NOT_CONFIRMED, "the agent was loaded into " + target.jvm().pid()
                + " but did not confirm this attach within " + timeoutMillis + " ms; its status: "
                + (status == null ? "none published" : status.fields()) + ". Check again with 'status "
                + target.jvm().pid() + "'");
    }

    /**
     * Java 21+ prints "WARNING: A Java agent has been loaded dynamically" in the target unless it was started with
     * -XX:+EnableDynamicAgentLoading (JEP 451). The user sees only this command's output: tell them.
     */
    private static void warnAboutDynamicLoading(TargetVm target, JvmProcess jvm, Properties systemProperties,
                                                PrintStream err) throws CommandFailure {
        if (featureVersion(systemProperties.getProperty("java.specification.version")) < 21) {
            return;
        }
        String vmArguments = target.agentProperties().getProperty("sun.jvm.args", "");
        if (vmArguments.contains("-XX:+EnableDynamicAgentLoading")) {
            return;
        }
        err.println("Note: process " + jvm.pid() + " runs Java " + systemProperties.getProperty("java.version")
                + ", which printed \"WARNING: A Java agent has been loaded dynamically ...\" on its standard error."
                + " That is expected. Start it with -XX:+EnableDynamicAgentLoading to allow attach without the"
                + " warning (a future JDK will refuse dynamic agents without it), or load the agent at start with"
                + " -javaagent:cors-agent.jar=policy.properties.");
    }

    private static int featureVersion(String specificationVersion) {
        if (specificationVersion == null) {
            return 0;
        }
        String version = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        try {
            return Integer.parseInt(version);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String mode(String mode) throws UsageException {
        if (mode == null) {
            return null;
        }
        String normalised = mode.trim().toLowerCase(Locale.ROOT);
        if (!normalised.equals("enforce") && !normalised.equals("audit") && !normalised.equals("off")) {
            throw new UsageException("--mode " + mode + ": use enforce, audit or off");
        }
        return normalised;
    }

    private static long timeoutMillis(String seconds) throws UsageException {
        if (seconds == null) {
            return 10_000;
        }
        try {
            long value = Long.parseLong(seconds.trim());
            if (value > 0) {
                return value * 1000;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new UsageException("--timeout " + seconds + ": give a whole number of seconds, at least 1");
    }

    /** A new id per attach; lower-case hex, as the agent argument's values are read case-insensitively. */
    private static String newAttachId() {
        return Long.toHexString(IDS.nextLong() & Long.MAX_VALUE);
    }

    /** The jar this command runs from, which the target loads: set by the launcher's main. */
    private static String agentJar() throws CommandFailure {
        String jar = System.getProperty(AGENT_JAR_PROPERTY);
        if (jar == null) {
            throw new CommandFailure(ExitCode.ATTACH_IMPOSSIBLE,
                    "run the command from cors-agent.jar: java -jar cors-agent.jar attach ...");
        }
        return jar;
    }
}
