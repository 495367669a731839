package io.corsagent.cli;

/**
 * The exit codes of {@code list}, {@code attach} and {@code status}, documented in their help and in docs/operations.md.
 * Scripts rely on them: never renumber one.
 */
final class ExitCode {

    /** Done, and (for attach) confirmed by the target. */
    static final int OK = 0;
    /** The policy is invalid, or the agent in the target refused it; for status: the agent is not active there. */
    static final int REFUSED = 1;
    /** Wrong usage (also {@link Cli#USAGE}). */
    static final int USAGE = Cli.USAGE;
    /** No such process, not a JVM, or a name that matches no JVM or several. */
    static final int NO_SUCH_PROCESS = 3;
    /** The JVM cannot be attached to: another user's, attach disabled, dynamic agent loading disabled. */
    static final int ATTACH_IMPOSSIBLE = 4;
    /** The agent was loaded but did not confirm this attach in time. */
    static final int NOT_CONFIRMED = 5;
    /**
     * The agent runs with a valid policy but guards nothing: no hook is woven into any loaded class (no supported
     * container, or class loaders that hide the agent's bridge). Status {@code not-guarding}.
     */
    static final int NOT_GUARDING = 6;
    /** For status: the agent guards, but a hook was switched off or a class loader hides the bridge: see reason. */
    static final int DEGRADED = 7;

    private ExitCode() {
    }
}
