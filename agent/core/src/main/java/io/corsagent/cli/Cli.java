package io.corsagent.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import io.corsagent.testing.Timeline;


/**
 * {@code java -jar cors-agent.jar <command> ...}: finds the command and runs it. Commands are
 * {@link Command} implementations listed in {@code META-INF/services/io.corsagent.cli.Command}.
 *
 * <p>Exit codes: what the command returns; 2 for wrong usage; 70 for an unexpected internal error.
 */
public final class Cli {

    /** Wrong usage: unknown command or option, missing argument. */
    public static final int USAGE = 2;
    /** A bug in the agent. */
    public static final int INTERNAL_ERROR = 70;

    private static final String JAR = "java -jar cors-agent.jar";

    private Cli() {
    }

    /** @return the process exit code */
    public static int run(String[] arguments) {
        return run(arguments, System.out, System.err);
    }

    public static int run(String[] arguments, PrintStream out, PrintStream err) {
        Timeline.mark(Timeline.CLI, "core loaded");
        Map<String, Command> commands = commands();
        if (arguments.length == 0) {
            err.print(overview(commands));
            return USAGE;
        }
        String first = arguments[0];
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            if (arguments.length > 1 && commands.containsKey(arguments[1])) {
                out.print(commands.get(arguments[1]).help());
            } else {
                out.print(overview(commands));
            }
            return 0;
        }
        if (first.equals("--version") || first.equals("version")) {
            out.println("cors-agent " + Version.get());
            printShadedComponents(out);
            return 0;
        }
        Command command = commands.get(first);
        if (command == null) {
            err.println("cors-agent: unknown command '" + first + "'");
            err.print(overview(commands));
            return USAGE;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(arguments).subList(1, arguments.length));
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(command.help());
            return 0;
        }
        try {
            return command.run(rest, out, err);
        } catch (UsageException e) {
            err.println("cors-agent " + command.name() + ": " + e.getMessage());
            err.println("Run '" + JAR + " " + command.name() + " --help' for its usage.");
            return USAGE;
        } catch (RuntimeException e) {
            err.println("cors-agent " + command.name() + ": internal error, please report it: " + e);
            e.printStackTrace(err);
            return INTERNAL_ERROR;
        }
    }

    /** What the jar carries of others, relocated under io.corsagent.shaded, as its SBOM lists it. */
    private static void printShadedComponents(PrintStream out) {
        List<String> components = Sbom.thirdPartyComponents(Cli.class.getClassLoader());
        if (!components.isEmpty()) {
            out.println("Inside, relocated (CycloneDX SBOM: " + Sbom.RESOURCE + " in cors-agent.jar):");
            for (String component : components) {
                out.println("  " + component);
            }
        }
    }

    /** Every command on the class path, by name. */
    static Map<String, Command> commands() {
        Map<String, Command> commands = new TreeMap<>();
        for (Command command : ServiceLoader.load(Command.class, Cli.class.getClassLoader())) {
            commands.put(command.name(), command);
        }
        return commands;
    }

    private static String overview(Map<String, Command> commands) {
        StringBuilder text = new StringBuilder();
        text.append("Usage: ").append(JAR).append(" <command> [arguments]\n\n");
        text.append("cors-agent ").append(Version.get())
                .append(": enforces a CORS policy on servlet containers, as a Java agent.\n");
        text.append("As an agent: java -javaagent:cors-agent.jar=policy.properties -jar app.jar\n\nCommands:\n");
        for (Command command : commands.values()) {
            text.append(String.format("  %-10s %s%n", command.name(), command.summary()));
        }
        text.append(String.format("  %-10s %s%n", "--version", "print the version"));
        text.append("\nRun '").append(JAR).append(" <command> --help' for a command's usage.\n");
        return text.toString();
    }
}
