package io.corsagent.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One {@code java -jar cors-agent.jar <name> ...} command. Implementations are listed in
 * {@code META-INF/services/io.corsagent.cli.Command} and found by {@link Cli}; adding a command touches no other.
 */
public interface Command {

    /** The word that selects the command, such as {@code check}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** The full help text, shown by {@code <name> --help}: usage line, description, options, exit codes. */
    String help();

    /**
     * @param arguments the arguments after the command name ({@code --help} is handled before this is called)
     * @return the exit code
     * @throws UsageException when the arguments are wrong (exit code 2, with the message and a pointer to --help)
     */
    int run(List<String> arguments, PrintStream out, PrintStream err) throws UsageException;
}
