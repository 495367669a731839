package io.corsagent.cli;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Wakes the thread that waits in {@code VirtualMachine.attach} as soon as the target's attach socket exists. The
 * JDK's attach on Linux signals the target to start its attach listener, then sleeps 100 ms, 200 ms, 300 ms, ...
 * between looks for the socket (Java 8: 200 ms each): a target that opens it after 110 ms costs 300 ms, and a busy
 * server often needs more than 100 ms. This watch looks every 5 ms and interrupts that sleep once; the JDK catches
 * the interrupt and looks again. Where the socket's path is unknown, or the socket is there already (the JDK does
 * not sleep then), there is no watch and the JDK keeps its own pace.
 */
final class AttachSocketWatch implements Closeable {

    private static final long POLL_MILLIS = 5;

    /** {@code null} when there is nothing to watch. */
    private final Path socket;
    private final Thread attaching;
    /** Guards the interrupt, so that none reaches the attaching thread after {@link #close()}. */
    private final Object lock = new Object();
    private boolean closed;

    private AttachSocketWatch(Path socket, Thread attaching) {
        this.socket = socket;
        this.attaching = attaching;
    }

    /**
     * Starts watching for the attach socket of the JVM that the current thread is about to attach to; the current
     * thread closes the result once its attach has returned.
     */
    static AttachSocketWatch start(String pid) {
        return watching(ProcessFacts.attachSocket(pid));
    }

    /** @param socket the file to wait for, {@code null} for none; the current thread is the one to wake */
    static AttachSocketWatch watching(Path socket) {
        final AttachSocketWatch watch = new AttachSocketWatch(socket, Thread.currentThread());
        if (socket == null || Files.exists(socket)) {
            return watch;
        }
        Thread thread = new Thread(new Runnable() {
            @Override
            public void run() {
                watch.watch();
            }
        }, "cors-agent-attach-watch");
        thread.setDaemon(true);
        thread.start();
        return watch;
    }

    private void watch() {
        try {
            while (!Files.exists(socket)) {
                Thread.sleep(POLL_MILLIS);
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                }
            }
            synchronized (lock) {
                if (!closed) {
                    attaching.interrupt();
                }
            }
        } catch (InterruptedException | SecurityException e) {
            // The attach goes on at the JDK's own pace.
        }
    }

    /** Ends the watch; called by the attaching thread, whose interrupt, if it came after the attach, is cleared. */
    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        synchronized (lock) {
            closed = true;
        }
        Thread.interrupted();
    }
}
