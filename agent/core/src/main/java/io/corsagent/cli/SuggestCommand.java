package io.corsagent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;

import io.corsagent.observe.TrafficObservations;
import io.corsagent.tools.ObservedTraffic;
import io.corsagent.tools.PolicySuggester;

/** {@code suggest <pid|name>} or {@code suggest --from-log FILE...}: a policy from the CORS traffic the agent saw. */
public final class SuggestCommand implements Command {

    /** The agent is not loaded there, or has seen no CORS traffic to suggest from. */
    static final int NOTHING_SEEN = 1;

    @Override
    public String name() {
        return "suggest";
    }

    @Override
    public String summary() {
        return "write a policy from the CORS traffic an agent saw (running JVM or JSON logs)";
    }

    @Override
    public String help() {
        return "Usage: java -jar cors-agent.jar suggest <pid | name> [--min-count N] [--out FILE]\n"
                + "       java -jar cors-agent.jar suggest --from-log FILE... [--min-count N] [--out FILE]\n"
                + "\n"
                + "In every mode (audit is the usual one) the agent keeps a bounded summary of the CORS traffic it\n"
                + "sees: per origin, the requests, first and last time, the methods and headers its preflights asked\n"
                + "for, the paths, and the CORS headers the app answered with. suggest reads it from a running JVM\n"
                + "(the system property " + TrafficObservations.PROPERTY + ", refreshed every 5 s; nothing is loaded\n"
                + "into the JVM) or from the '" + TrafficObservations.FINDING + "' lines of JSON logs\n"
                + "(log.format = json;"
                + "one or many JVMs, merged), and prints a policy that passes 'check': a comment above each value\n"
                + "says why, origins seen on some paths only get path rules, many sibling subdomains of one site get\n"
                + "a wildcard. What a human must decide is a WARNING comment instead of a value: the origin null,\n"
                + "plain http:// with credentials, an origin seen once, one the app only answered by reflecting its\n"
                + "Origin, one the policy in effect refused, the response headers pages read.\n"
                + "\n"
                + "Options:\n"
                + "  --from-log     read the JSON log files given instead of a running JVM\n"
                + "  --min-count N  leave out origins seen fewer than N times (default 1)\n"
                + "  --out FILE     write the policy to FILE instead of standard output\n"
                + "\n"
                + "Exit codes: 0 a policy was written; 1 nothing to suggest from (agent not loaded, no CORS traffic\n"
                + "seen, no summary in the logs); 2 wrong usage, or a file that cannot be read or written; 3 no such\n"
                + "process, or a name matching no JVM or several; 4 attach impossible.\n";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws UsageException {
        Arguments parsed = Arguments.parse(arguments, Collections.singleton("--from-log"),
                new HashSet<>(Arrays.asList("--min-count", "--out")));
        int minCount = minCount(parsed.single("--min-count"));
        String outFile = parsed.single("--out");
        ObservedTraffic traffic;
        try {
            traffic = parsed.has("--from-log") ? fromLogs(parsed.positionals()) : fromJvm(parsed.positionals());
        } catch (CommandFailure failure) {
            err.println("cors-agent suggest: " + failure.getMessage());
            return failure.exitCode();
        }
        if (traffic.requests() == 0) {
            err.println("cors-agent suggest: no CORS request was seen yet; nothing to suggest from");
            return NOTHING_SEEN;
        }
        PolicySuggester suggester = new PolicySuggester(traffic, minCount);
        String policy = suggester.suggest();
        if (outFile == null) {
            out.print(policy);
        } else {
            try {
                Files.write(Paths.get(outFile), policy.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.println("cors-agent suggest: cannot write " + outFile + ": " + e);
                return Cli.USAGE;
            }
            out.println("cors-agent suggest: wrote " + outFile);
        }
        if (!suggester.warnings().isEmpty()) {
            err.println("cors-agent suggest: " + suggester.warnings().size()
                    + " WARNING comment(s) in the policy for you to decide");
        }
        return ExitCode.OK;
    }

    private static int minCount(String value) throws UsageException {
        if (value == null) {
            return 1;
        }
        try {
            int count = Integer.parseInt(value);
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new UsageException("--min-count takes a whole number of at least 1, not '" + value + "'");
    }

    private static ObservedTraffic fromLogs(List<String> files) throws UsageException, CommandFailure {
        if (files.isEmpty()) {
            throw new UsageException("--from-log needs at least one log file");
        }
        List<Path> paths = new ArrayList<>();
        for (String file : files) {
            paths.add(Paths.get(file));
        }
        ObservedTraffic traffic;
        try {
            traffic = ObservedTraffic.fromLogs(paths);
        } catch (IOException e) {
            throw new CommandFailure(Cli.USAGE, "cannot read the log: " + e);
        }
        if (traffic.summaries() == 0) {
            throw new CommandFailure(NOTHING_SEEN, "no '" + TrafficObservations.FINDING + "' line in " + files
                    + ": the agent writes one with log.format = json, a minute after it learns something new");
        }
        return traffic;
    }

    private static ObservedTraffic fromJvm(List<String> positionals) throws UsageException, CommandFailure {
        if (positionals.size() != 1) {
            throw new UsageException("suggest takes one pid or name, or --from-log FILE...");
        }
        AttachApi api = AttachApi.load();
        JvmProcess found = new JvmFinder(api).find(positionals.get(0));
        Properties properties;
        try (TargetVm target = api.attach(found)) {
            properties = target.systemProperties();
        }
        if (TargetStatus.of(properties) == null) {
            throw new CommandFailure(NOTHING_SEEN, "cors-agent is not loaded in process " + found.pid());
        }
        String snapshot = properties.getProperty(TrafficObservations.PROPERTY);
        if (snapshot == null) {
            throw new CommandFailure(NOTHING_SEEN, "the agent in process " + found.pid() + " has seen no CORS request"
                    + " yet (it publishes what it saw within 5 s of the first)");
        }
        try {
            return ObservedTraffic.of(snapshot);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(NOTHING_SEEN, "the agent in process " + found.pid() + " published a summary this"
                    + " command cannot read: " + e.getMessage());
        }
    }
}
