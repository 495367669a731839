package io.corsagent.testapp.server;

import java.io.IOException;
import java.io.InputStream;

/**
 * What every test server main does once its container listens: print the line the test harness waits for, and
 * exit when its standard input closes, so a server never outlives the test JVM that forked it.
 */
public final class TestServerLifecycle {

    /** The harness reads the port from the line that starts with this. */
    public static final String LISTENING = "CORS-TEST-SERVER LISTENING ";

    private TestServerLifecycle() {
    }

    public static void listening(int port) {
        System.out.println(LISTENING + port);
        System.out.flush();
        Thread watchdog = new Thread(TestServerLifecycle::exitWhenStdinCloses, "stdin-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void exitWhenStdinCloses() {
        InputStream in = System.in;
        try {
            while (in.read() >= 0) {
                // Nothing is ever sent; only the end of the stream matters.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone, like an end of stream.
        }
        Runtime.getRuntime().halt(0);
    }
}
