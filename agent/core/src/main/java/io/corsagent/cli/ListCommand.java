package io.corsagent.cli;

import java.io.PrintStream;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/** {@code list}: the JVMs this user can attach to, their Java version, and whether cors-agent runs there. */
public final class ListCommand implements Command {

    private static final String ROW = "%-8s %-10s %-22s %s%n";

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String summary() {
        return "list running JVMs: pid, main class or jar, Java version, cors-agent mode";
    }

    @Override
    public String help() {
        return "Usage: java -jar cors-agent.jar list\n"
                + "\n"
                + "Lists the JVMs the attach API sees (this user's; all for root), except this command's own: pid,\n"
                + "Java version, whether cors-agent is active there and in which mode (\"(command line)\" when the\n"
                + "mode was given with -javaagent or attach --mode; \"inactive\" when loaded without a valid policy;\n"
                + "\"-\" when not loaded), and the main class or jar. The applications' arguments are not shown: they\n"
                + "may hold secrets. JVMs started with -XX:+DisableAttachMechanism are not listed.\n"
                + "\n"
                + "Exit codes: 0 listed (also when there is no JVM); 2 wrong usage; 4 this Java has no attach API.\n";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws UsageException {
        Arguments parsed = Arguments.parse(arguments, Collections.<String>emptySet(), Collections.<String>emptySet());
        if (!parsed.positionals().isEmpty()) {
            throw new UsageException("list takes no arguments");
        }
        AttachApi api;
        try {
            api = AttachApi.load();
        } catch (CommandFailure failure) {
            err.println("cors-agent list: " + failure.getMessage());
            return failure.exitCode();
        }
        out.printf(ROW, "PID", "JAVA", "CORS-AGENT", "MAIN");
        for (JvmProcess jvm : api.list()) {
            String java = "?";
            String agent;
            try (TargetVm target = api.attach(jvm)) {
                Properties properties = target.systemProperties();
                java = properties.getProperty("java.version", "?");
                TargetStatus status = TargetStatus.of(properties);
                agent = status == null ? "-" : status.modeWithSource();
            } catch (CommandFailure failure) {
                agent = "? (no attach)";
                err.println("cors-agent list: " + failure.getMessage());
            }
            out.printf(ROW, jvm.pid(), java, agent, jvm.mainOrJar());
        }
        return ExitCode.OK;
    }
}
