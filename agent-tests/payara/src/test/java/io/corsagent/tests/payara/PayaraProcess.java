package io.corsagent.tests.payara;

import java.util.List;

/**
 * A Payara started for one test class, serving Jolokia's unmodified WAR (all of it under BASIC auth for role
 * {@code jolokia}) at {@code /jolokia} and the test app at {@code /app} (see {@link Deployments}).
 */
interface PayaraProcess {

    /** The HTTP listener's port. */
    int port();

    /** The server JVM's process id, for {@code status} and {@code attach}. */
    long pid();

    /** What the server logged so far, line by line (where the agent's log lines end up). */
    List<String> output();

    void stop();
}
