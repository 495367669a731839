package io.corsagent.tests.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo with cors-agent in audit mode (the agent argument overrides the file's mode): the browser must see
 * exactly what it sees without the agent.
 */
class AuditModeBrowserTest extends DemoPagesInBrowser {

    @Override
    String name() {
        return "audit";
    }

    @Override
    List<String> jvmOptions(Path policy) {
        return List.of("-javaagent:" + BuiltArtifacts.agentJar() + "=" + policy + ",mode=audit");
    }

    @Test
    void shopPageSeesWhatItSeesWithoutTheAgent() {
        assertPage(shopPage, Expected.shopPageAsLegacyAppServesIt());
    }

    @Test
    void attackerPageSeesWhatItSeesWithoutTheAgent() {
        assertPage(attackerPage, Expected.attackerPageAsLegacyAppServesIt());
    }

    /** Without this, an agent that failed to start would pass the page assertions as well. */
    @Test
    void agentIsActiveInAuditMode() {
        assertTrue(demoOutput().contains("cors-agent INFO: active: mode audit"), demoOutput());
    }
}
