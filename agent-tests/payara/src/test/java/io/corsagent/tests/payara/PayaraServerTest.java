package io.corsagent.tests.payara;

import io.corsagent.tests.containers.TestPaths;

import org.junit.jupiter.api.BeforeAll;

/**
 * Payara Server 6 (its modules in Apache Felix, whose class loaders the agent makes delegate the bridge) with the
 * agent among the domain's JVM options.
 */
class PayaraServerTest extends PayaraContract {

    private PayaraServer server;

    @BeforeAll
    void startWithTheAgent() {
        server = PayaraServer.start("-javaagent:" + TestPaths.agentJar() + "=" + TestPaths.policy("enforce.properties"));
    }

    @Override
    PayaraProcess server() {
        return server;
    }
}
