package io.corsagent.tests.appservers;

import static io.corsagent.tests.appservers.Requests.JOLOKIA_VERSION;
import static io.corsagent.tests.appservers.Requests.preflight;
import static io.corsagent.tests.containers.ContainerContract.ALLOWED_ACTUAL_HEADERS;
import static io.corsagent.tests.containers.Fixtures.ALLOWED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.corsagent.tests.attach.AttachCli;
import io.corsagent.tests.containers.RawHttp;
import io.corsagent.tests.containers.ServerProcess;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What holds on Payara beyond the contracts the test class runs ({@link AppServerContract} or
 * {@link AttachToAppServer}): the agent guards GlassFish's entry through both of its classes, Grizzly's
 * {@code HttpServerFilter} and GlassFish's Catalina fork's {@code CoyoteAdapter}, and leaves the Tomcat hook out
 * without a word although that fork shares Tomcat's class names; and GlassFish challenges with the realm of each
 * WAR's own descriptor, spelt as the specification does.
 */
interface OnPayara {

    ServerProcess server();

    /** Exactly as sent, where the contracts allow other servers their own spelling or realm. */
    @Test
    default void the401sOfContainerSecurityChallengeWithTheRealmOfEachWarsDescriptor() throws Exception {
        RawHttp.Response jolokia = RawHttp.request("GET", JOLOKIA_VERSION).origin(ALLOWED).send(server().port());
        assertEquals(401, jolokia.status(), jolokia::toString);
        assertEquals("Basic realm=\"jolokia\"", jolokia.header("WWW-Authenticate"), jolokia::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, jolokia.accessControlHeaders(), jolokia::toString);
        RawHttp.Response app = RawHttp.request("GET", "/app/secure/data").origin(ALLOWED).send(server().port());
        assertEquals(401, app.status(), app::toString);
        assertEquals("Basic realm=\"cors-test\"", app.header("WWW-Authenticate"), app::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, app.accessControlHeaders(), app::toString);
    }

    @Test
    default void statusShowsGlassFishsTwoEntryClassesWovenAndTomcatNot() throws Exception {
        preflight(server().port(), JOLOKIA_VERSION, ALLOWED, "GET", null);
        AttachCli.Run status = AttachCli.run("status", Long.toString(server().pid()));
        Map<String, String> fields = status.fields();
        assertEquals(0, status.exitCode(), status::toString);
        assertEquals("active", fields.get("state"), status::toString);
        assertTrue(fields.get("guarding").matches("glassfish \\(2 classes, [1-9][0-9]* requests\\).*"),
                status::toString);
        String woven = fields.get("woven");
        assertTrue(woven.contains("glassfish: ") && woven.contains("org.apache.catalina.connector.CoyoteAdapter")
                && woven.contains("org.glassfish.grizzly.http.HttpServerFilter"), status::toString);
        assertFalse(woven.contains("tomcat"), status::toString);
    }

    /** No hook failed, the agent logged no error, and it named Tomcat nowhere but in the list of its hooks. */
    @AfterAll
    default void theAgentLoggedNoErrorAndLeftTheTomcatHookOutQuietly() {
        List<String> problems = server().output().stream()
                .filter(l -> l.contains("cors-agent") && (l.contains("internal error in hook")
                        || l.contains("could not instrument") || l.contains("ERROR")
                        || (l.contains("tomcat") && !l.contains("hooks installed:"))))
                .toList();
        assertEquals(List.of(), problems, "the agent's log on " + server());
    }
}
