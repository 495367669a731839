package io.corsagent.tests.payara;

import io.corsagent.tests.containers.TestPaths;

import org.junit.jupiter.api.BeforeAll;

/** Payara Micro 6 with the agent added by {@code -javaagent} on its command line. */
class PayaraMicroTest extends PayaraContract {

    private PayaraMicro server;

    @BeforeAll
    void startWithTheAgent() {
        server = PayaraMicro.start("-javaagent:" + TestPaths.agentJar() + "=" + TestPaths.policy("enforce.properties"));
    }

    @Override
    PayaraProcess server() {
        return server;
    }
}
