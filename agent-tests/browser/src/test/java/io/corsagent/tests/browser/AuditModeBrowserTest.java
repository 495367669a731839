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
        assertTrue(demoOutput().contains("cors-agent INFO: policy in effect: mode audit"), demoOutput());
    }

    /** Audit mode's point: the log names each of the demo's bugs, though the browser saw no change. */
    @Test
    void auditLogNamesTheDemoBugs() {
        String log = demoOutput();
        for (String finding : List.of(
                "WARN: misordered-auth [top-level]: io.corsagent.demo.api.SessionAuthFilter",
                "WARN: app-wildcard-with-credentials [top-level]:",
                "WARN: app-reflects-origin [top-level]:",
                "INFO: preflight-would-answer [top-level]: enforce would answer the preflight OPTIONS /api/orders")) {
            assertTrue(log.contains("cors-agent " + finding), "no audit finding '" + finding + "' in:\n" + log);
        }
    }
}
