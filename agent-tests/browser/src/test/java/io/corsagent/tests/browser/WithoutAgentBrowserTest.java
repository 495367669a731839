package io.corsagent.tests.browser;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo as its users suffer it: the shop's own calls fail, the attacker reads alice's account. */
class WithoutAgentBrowserTest extends DemoPagesInBrowser {

    @Override
    String name() {
        return "without-agent";
    }

    @Override
    List<String> jvmOptions(Path policy) {
        return List.of();
    }

    @Test
    void shopPageLosesItsPreflightedAndCredentialedCalls() {
        assertPage(shopPage, Expected.shopPageAsLegacyAppServesIt());
    }

    @Test
    void attackerPageReadsTheReflectingEndpointWithCredentials() {
        assertPage(attackerPage, Expected.attackerPageAsLegacyAppServesIt());
    }
}
