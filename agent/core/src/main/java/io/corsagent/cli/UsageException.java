package io.corsagent.cli;

/** Wrong arguments: the command line, not the input, is at fault. Exit code 2. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
