package io.corsagent.tests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The policy tools on the demo, as docs/policy-tools.md tells them: the demo in audit mode, both pages clicked
 * through; then {@code suggest <pid>} writes a policy that, attached to the same JVM, lets the shop work and keeps
 * the attacker out; then {@code import} of a web.xml whose Tomcat CorsFilter says what the demo's homegrown filter
 * meant gives a policy that does the same. Every command is the real cors-agent.jar, run as a user runs it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyToolsOnDemoBrowserTest extends DemoPagesInBrowser {

    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    @Override
    String name() {
        return "policy-tools";
    }

    @Override
    List<String> jvmOptions(Path policy) {
        return List.of("-javaagent:" + BuiltArtifacts.agentJar() + "=" + policy + ",mode=audit");
    }

    /** The shop's page enforced, loaded again in the same demo JVM: each load creates an order with the next number. */
    private static Map<String, Expected> shopPageEnforcedAgain() {
        Map<String, Expected> calls = Expected.shopPageEnforced();
        calls.put("post-json", Expected.ok(Pattern.compile(Pattern.quote("HTTP 201 {\"order\":") + "10[0-9]{2}"
                + Pattern.quote(",\"status\":\"created\",\"bytes\":29}"))));
        return calls;
    }

    /** Runs {@code java -jar cors-agent.jar <arguments>}; returns its exit code, output in {@code output}. */
    private static int cli(StringBuilder output, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", BuiltArtifacts.agentJar().toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] text = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS), "still running: " + command);
        output.setLength(0);
        output.append(new String(text, StandardCharsets.UTF_8));
        return process.exitValue();
    }

    @Test
    @Order(1)
    void suggestWritesAPolicyThatLetsTheShopWorkAndKeepsTheAttackerOut() throws Exception {
        assertPage(shopPage, Expected.shopPageAsLegacyAppServesIt());
        assertPage(attackerPage, Expected.attackerPageAsLegacyAppServesIt());
        DemoServer server = server();
        String attacker = server.attackerUrl().substring(0, server.attackerUrl().length() - 1);
        Path suggested = BuiltArtifacts.workDirectory().resolve("suggested-" + server.pagePort + ".properties");
        StringBuilder output = new StringBuilder();
        // The agent publishes what it saw within 5 s of a change.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String policy = "";
        while (System.nanoTime() < deadline) {
            int exit = cli(output, "suggest", String.valueOf(server.pid()), "--out", suggested.toString());
            policy = exit == 0 ? Files.readString(suggested) : "";
            if (policy.contains("# WARNING: " + attacker + " (")) {
                break;
            }
            Thread.sleep(1000);
        }
        assertTrue(policy.contains("\nallowed-origins = " + server.pageOrigin() + "\n"), output + policy);
        assertTrue(policy.contains("the policy in effect refused every request of it; left out."), policy);
        assertTrue(policy.contains("\nallowed-methods = PUT\n"), policy);
        assertTrue(policy.contains("\nallowed-headers = content-type, x-client-version\n"), policy);
        assertTrue(policy.contains("\nallow-credentials = true\n"), policy);
        // The demo's API sends X-Request-Id, which the shop's page reads: seen in the responses, suggested.
        assertTrue(policy.contains("\nexposed-headers = x-request-id\n"), policy);
        Files.writeString(suggested, policy);
        assertEquals(0, cli(output, "check", suggested.toString()), output.toString());
        assertEquals(0, cli(output, "attach", String.valueOf(server.pid()), suggested.toString()), output.toString());

        assertPage(load(server.pageUrl()), shopPageEnforcedAgain());
        assertPage(load(server.attackerUrl()), Expected.attackerPageEnforced());
    }

    @Test
    @Order(2)
    void importOfTheFilterTheDemoMeantGivesThePolicyItMeant() throws Exception {
        DemoServer server = server();
        Path webapp = BuiltArtifacts.workDirectory().resolve("meant-" + server.pagePort);
        Files.createDirectories(webapp.resolve("WEB-INF"));
        String webXml = new String(getClass().getResourceAsStream("/demo-meant-web.xml").readAllBytes(),
                StandardCharsets.UTF_8);
        Files.writeString(webapp.resolve("WEB-INF/web.xml"),
                webXml.replace(DemoPolicy.SHIPPED_PAGE_ORIGIN, server.pageOrigin()));
        Path imported = BuiltArtifacts.workDirectory().resolve("imported-" + server.pagePort + ".properties");
        StringBuilder output = new StringBuilder();
        assertEquals(0, cli(output, "import", webapp.resolve("WEB-INF/web.xml").toString(), "--context-path", "/",
                "--out", imported.toString()), output.toString());
        String policy = Files.readString(imported);
        assertTrue(policy.contains("is mapped after SessionAuthFilter, which looks like authentication"), policy);
        assertTrue(policy.contains("\npath./api/**.allowed-origins = " + server.pageOrigin() + "\n"), policy);
        assertEquals(0, cli(output, "attach", String.valueOf(server.pid()), imported.toString()), output.toString());

        assertPage(load(server.pageUrl()), shopPageEnforcedAgain());
        assertPage(load(server.attackerUrl()), Expected.attackerPageEnforced());
    }
}
