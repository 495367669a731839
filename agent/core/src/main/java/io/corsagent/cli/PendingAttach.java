package io.corsagent.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import io.corsagent.testing.Timeline;


/**
 * Finds the target JVM and attaches to it on a thread of its own, while the command validates the policy: the
 * attach API waits at least 100 ms for the target to open its attach socket, the largest single cost of the command,
 * and the validation fits in that wait. Attaching only opens a connection (and, the first time, the JVM's attach
 * listener thread); nothing is loaded into the target until the command has a valid policy.
 */
final class PendingAttach {

    private final FutureTask<Attached> task;
    /** Guards {@link #abandoned} and {@link #connected}: an abandoned connection is closed exactly once. */
    private final Object lock = new Object();
    private boolean abandoned;
    private TargetVm connected;

    /** The JVM the selector named, and the connection to it. */
    static final class Attached {
        final JvmProcess jvm;
        final TargetVm target;

        Attached(JvmProcess jvm, TargetVm target) {
            this.jvm = jvm;
            this.target = target;
        }
    }

    private PendingAttach(final String selector) {
        task = new FutureTask<>(new Callable<Attached>() {
            @Override
            public Attached call() throws CommandFailure {
                AttachApi api = AttachApi.load();
                JvmProcess jvm = new JvmFinder(api).find(selector);
                Timeline.mark(Timeline.CLI, "JVM found");
                TargetVm target;
                try (AttachSocketWatch watch = AttachSocketWatch.start(jvm.pid())) {
                    target = api.attach(jvm);
                }
                Timeline.mark(Timeline.CLI, "attached");
                synchronized (lock) {
                    if (abandoned) {
                        target.close();
                    }
                    connected = target;
                }
                return new Attached(jvm, target);
            }
        });
    }

    static PendingAttach start(String selector) {
        PendingAttach pending = new PendingAttach(selector);
        Thread thread = new Thread(pending.task, "cors-agent-attach");
        thread.setDaemon(true);
        thread.start();
        return pending;
    }

    /**
     * @return the JVM and the connection to it, which the caller closes
     * @throws CommandFailure as finding or attaching failed
     */
    Attached await() throws CommandFailure {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(ExitCode.ATTACH_IMPOSSIBLE, "interrupted while attaching");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CommandFailure) {
                throw (CommandFailure) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw (Error) cause;
        }
    }

    /**
     * For a command that ends without the target (an invalid policy): without waiting for the attach, which may take
     * seconds against a JVM that does not answer, the connection is closed now or as soon as it is made. Why the JVM
     * could not be reached, if it could not, goes unreported: the policy's errors are the command's answer.
     */
    void abandon() {
        synchronized (lock) {
            abandoned = true;
            if (connected != null) {
                connected.close();
            }
        }
    }
}
