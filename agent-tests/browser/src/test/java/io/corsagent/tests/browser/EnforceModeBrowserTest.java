package io.corsagent.tests.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo with cors-agent enforcing demo-app/cors-policy.properties: the shop works, the attacker reads nothing. */
class EnforceModeBrowserTest extends DemoPagesInBrowser {

    @Override
    String name() {
        return "enforce";
    }

    @Override
    List<String> jvmOptions(Path policy) {
        return List.of("-javaagent:" + BuiltArtifacts.agentJar() + "=" + policy);
    }

    @Test
    void everyCallOfTheShopPageSucceeds() {
        assertPage(shopPage, Expected.shopPageEnforced());
    }

    @Test
    void attackerPageIsBlockedEverywhere() {
        assertPage(attackerPage, Expected.attackerPageEnforced());
    }

    /** The agent's own word that it enforces the demo policy. */
    @Test
    void agentIsActiveInEnforceMode() {
        assertTrue(demoOutput().contains("cors-agent INFO: policy in effect: mode enforce"), demoOutput());
    }
}
