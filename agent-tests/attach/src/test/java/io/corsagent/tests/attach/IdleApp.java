package io.corsagent.tests.attach;

import java.io.IOException;

/** A JVM that does nothing: a target for attach failures. Prints {@value #READY}, exits when stdin closes. */
public final class IdleApp {

    static final String READY = "IDLE-APP READY";

    private IdleApp() {
    }

    public static void main(String[] arguments) throws IOException {
        System.out.println(READY);
        System.out.flush();
        while (System.in.read() >= 0) {
            // Wait for the test to close stdin.
        }
    }
}
