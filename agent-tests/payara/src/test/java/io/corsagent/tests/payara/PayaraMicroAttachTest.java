package io.corsagent.tests.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.corsagent.tests.containers.TestPaths;

import org.junit.jupiter.api.BeforeAll;

/**
 * Payara Micro 6 started without the agent, its apps deployed and serving, then the agent attached with the CLI:
 * the classes GlassFish already loaded are woven where they are, and the same contract holds.
 */
class PayaraMicroAttachTest extends PayaraContract {

    private PayaraMicro server;

    @BeforeAll
    void startThenAttach() {
        server = PayaraMicro.start();
        StatusCli.Run attach = StatusCli.run("attach", Long.toString(server.pid()),
                TestPaths.policy("enforce.properties").toString());
        assertEquals(0, attach.exitCode(), attach::toString);
    }

    @Override
    PayaraProcess server() {
        return server;
    }
}
