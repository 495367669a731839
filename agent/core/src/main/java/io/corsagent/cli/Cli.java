package io.corsagent.cli;

/** {@code java -jar cors-agent.jar <command>}. */
public final class Cli {

    private Cli() {
    }

    /** @return the process exit code */
    public static int run(String[] arguments) {
        System.out.println("cors-agent " + Cli.class.getPackage().getImplementationVersion());
        return 0;
    }
}
