package io.corsagent.cli;

import java.io.PrintStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** {@code status <pid|name>}: what cors-agent does in a running JVM, read from the status it publishes. */
public final class StatusCommand implements Command {

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "show the agent's state in a running JVM: mode, policy, hooks, last reload, counters";
    }

    @Override
    public String help() {
        return "Usage: java -jar cors-agent.jar status <pid | name>\n"
                + "\n"
                + "Reads the status cors-agent publishes in the JVM's system property cors-agent.status (nothing is\n"
                + "loaded into the JVM to do so) and shows it: state, mode and where it came from, policy file, hooks\n"
                + "installed, the last load or reload and its result, the id of the last attach, and the agent's\n"
                + "counters. <name> is a part of the main class or jar that matches exactly one JVM.\n"
                + "'jcmd <pid> VM.system_properties' shows the same line.\n"
                + "\n"
                + "States: active (the policy is in effect and hooks are woven into the container's classes);\n"
                + "degraded (they are, but a hook was switched off or a class loader hides the agent: see reason);\n"
                + "not-guarding (the policy is valid but no hook is woven into any loaded class: requests pass\n"
                + "unchecked; see reason); inactive (no valid policy).\n"
                + "\n"
                + "Exit codes: 0 active; 1 not loaded, or loaded without a valid policy; 2 wrong usage; 3 no such\n"
                + "process, or a name matching no JVM or several; 4 attach impossible (another user's JVM,\n"
                + "-XX:+DisableAttachMechanism); 6 not-guarding; 7 degraded.\n";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws UsageException {
        Arguments parsed = Arguments.parse(arguments, Collections.<String>emptySet(), Collections.<String>emptySet());
        if (parsed.positionals().size() != 1) {
            throw new UsageException("status takes one pid or name");
        }
        try {
            AttachApi api = AttachApi.load();
            JvmProcess found = new JvmFinder(api).find(parsed.positionals().get(0));
            Properties properties;
            try (TargetVm target = api.attach(found)) {
                properties = target.systemProperties();
            }
            JvmProcess jvm = found.namedBy(properties);
            out.println("process " + jvm.pid() + " (" + jvm.mainOrJar() + ", Java "
                    + properties.getProperty("java.version") + ")");
            TargetStatus status = TargetStatus.of(properties);
            if (status == null) {
                out.println("  cors-agent is not loaded in this JVM");
                return ExitCode.REFUSED;
            }
            Map<String, String> fields = status.fields();
            int width = 1;
            for (String key : fields.keySet()) {
                width = Math.max(width, key.length());
            }
            for (Map.Entry<String, String> field : fields.entrySet()) {
                out.println(String.format("  %-" + width + "s  %s", field.getKey(), field.getValue()));
            }
            return status.exitCode();
        } catch (CommandFailure failure) {
            err.println("cors-agent status: " + failure.getMessage());
            return failure.exitCode();
        }
    }
}
