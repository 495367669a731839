package io.corsagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.corsagent.audit.AgentEvents;
import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.log.JsonLinesWriter;
import io.corsagent.observe.TrafficObservations;
import io.corsagent.policy.Mode;
import io.corsagent.policy.PolicyLoader;
import io.corsagent.runtime.AgentStatus;
import io.corsagent.tools.JsonParser;

/** suggest, import and report as users run them: arguments, output, exit codes, and check on what they write. */
class PolicyToolsCliTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... arguments) {
        out.reset();
        err.reset();
        return Cli.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachCommandHasHelp() {
        for (String command : List.of("suggest", "import", "report")) {
            assertEquals(0, run(command, "--help"));
            assertTrue(out().startsWith("Usage: java -jar cors-agent.jar " + command), out());
            assertTrue(out().contains("Exit codes: 0 "), out());
        }
        assertEquals(0, run("--help"));
        assertTrue(out().contains("\n  suggest    write a policy from the CORS traffic"), out());
        assertEquals(2, run("suggest", "--from-log", "x.log", "--min-count", "0"));
        assertTrue(err().contains("--min-count takes a whole number of at least 1, not '0'"), err());
        assertEquals(2, run("report"));
        assertEquals(2, run("import", "a", "b"));
    }

    /** The agent's summary of a shop frontend and an attacker, seen in audit mode, as an 'observed' JSON line. */
    private static String observedLine(String app) {
        AgentEvents events = new AgentEvents(finding -> { });
        CorsPolicyEngine engine = new CorsPolicyEngine(PolicyLoader.parse("p.properties",
                "allowed-origins = http://localhost:8081").policy(), Mode.AUDIT, events);
        for (int i = 0; i < 3; i++) {
            engine.enter("OPTIONS", "http://localhost:8081", "PUT", "content-type,x-client-version", "http",
                    "localhost", 8080, "/api/orders/42").commitHeaders(401, new String[0]);
            engine.enter("GET", "http://localhost:8081", null, null, "http", "localhost", 8080, "/api/me")
                    .commitHeaders(200, new String[] {"Access-Control-Allow-Origin", "*",
                            "Access-Control-Allow-Credentials", "true"});
            engine.enter("GET", "http://localhost:8082", null, null, "http", "localhost", 8080, "/api/account")
                    .commitHeaders(200, new String[] {"Access-Control-Allow-Origin", "http://localhost:8082",
                            "Access-Control-Allow-Credentials", "true"});
        }
        StringBuilder line = new StringBuilder("{\"time\":\"2026-12-07T01:00:00Z\",\"level\":\"INFO\",\"app\":");
        JsonLinesWriter.quote(line, app);
        line.append(",\"message\":\"CORS traffic seen\",\"finding\":\"observed\",\"observed\":");
        JsonLinesWriter.quote(line, events.observations().snapshot(1000));
        return line.append('}').toString();
    }

    @Test
    void suggestFromLogsWritesAPolicyThatPassesCheck() throws Exception {
        Path log = Files.write(directory.resolve("shop.log"), List.of(
                "2026-12-07 01:00:00.000 cors-agent INFO: a text line is skipped", observedLine("shop-api")));
        Path policy = directory.resolve("suggested.properties");
        assertEquals(0, run("suggest", "--from-log", log.toString(), "--out", policy.toString()));
        assertEquals("cors-agent suggest: wrote " + policy + "\n", out());
        assertTrue(err().contains("WARNING comment(s) in the policy for you to decide"), err());
        String text = Files.readString(policy);
        assertTrue(text.contains("\nallowed-origins = http://localhost:8081\n"), text);
        assertTrue(text.contains("# WARNING: http://localhost:8082 (3 request(s), first "), text);
        assertEquals(0, run("check", policy.toString()), out() + err());

        assertEquals(0, run("explain", policy.toString(), "--origin", "http://localhost:8081", "--method", "OPTIONS",
                "--request-method", "PUT", "--request-header", "x-client-version", "--url",
                "http://localhost:8080/api/orders/7"));
        assertTrue(out().contains("Decision: allowed"), out());
        run("explain", policy.toString(), "--origin", "http://localhost:8082", "--method", "GET", "--url",
                "http://localhost:8080/api/account");
        assertTrue(out().contains("Decision: refused by the origin check"), out() + err());

        Path empty = Files.write(directory.resolve("empty.log"), List.of("{\"level\":\"INFO\",\"message\":\"x\"}"));
        assertEquals(1, run("suggest", "--from-log", empty.toString()));
        assertTrue(err().contains("no 'observed' line in"), err());
    }

    @Test
    void importWritesWhatTheFilterMeant() throws Exception {
        Path webapp = Paths.get(getClass().getResource("/import/tomcat-cors").toURI());
        Path policy = directory.resolve("imported.properties");
        assertEquals(0, run("import", webapp.resolve("WEB-INF/web.xml").toString(), "--out", policy.toString()));
        assertEquals(0, run("check", policy.toString()), out() + err());
        assertEquals(0, run("explain", policy.toString(), "--origin", "https://admin.example.com", "--method",
                "OPTIONS", "--request-method", "DELETE", "--url", "https://api.example.com/tomcat-cors/api/x"));
        assertTrue(out().contains("Decision: allowed"), out());
        assertEquals(0, run("import", webapp.toString(), "--context-path", "/"));
        assertTrue(out().contains("\npath./api/**.allowed-origins = https://app.example.com"), out());
    }

    @Test
    void reportHasARowPerApp() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"time\":\"t\",\"level\":\"INFO\",\"app\":\"shop-api\",\"message\":"
                + "\"policy in effect: mode audit (set on the command line), policy p\"}");
        lines.add("{\"time\":\"t\",\"level\":\"WARN\",\"app\":\"shop-api\",\"message\":\"m\",\"finding\":"
                + "\"misordered-auth\",\"rule\":\"top-level\",\"culprit\":\"io.corsagent.demo.api.SessionAuthFilter\"}");
        lines.add("{\"time\":\"t\",\"level\":\"WARN\",\"app\":\"shop-api\",\"message\":\"m\",\"finding\":"
                + "\"app-reflects-origin\",\"rule\":\"top-level\"}");
        lines.add("{\"time\":\"t\",\"level\":\"INFO\",\"app\":\"shop-api\",\"message\":\"m\",\"finding\":"
                + "\"preflight-would-answer\",\"rule\":\"top-level\"}");
        lines.add(observedLine("shop-api"));
        lines.add("{\"time\":\"t\",\"level\":\"INFO\",\"app\":\"billing.jar\",\"message\":"
                + "\"policy in effect: mode enforce, policy p\"}");
        lines.add("{\"time\":\"t\",\"level\":\"INFO\",\"app\":\"billing.jar\",\"message\":\"m\",\"finding\":"
                + "\"preflight-refused\",\"rule\":\"top-level\"}");
        Path log = Files.write(directory.resolve("fleet.log"), lines);

        assertEquals(0, run("report", log.toString()));
        String[] table = out().split("\n");
        assertTrue(table[0].startsWith("APP          MODE     MISORDERED AUTH        REFLECTS ORIGIN"), out());
        assertTrue(table[1].matches("billing\\.jar +enforce +0 +0 +0 +0/1 +0 from 0 origin\\(s\\) +no traffic summary"),
                out());
        assertTrue(table[2].matches("shop-api +audit +1 \\(SessionAuthFilter\\) +1 +0 +1/0 +9 from 2 origin\\(s\\)"
                + " +ready: 1 origin\\(s\\), \\d+ warning\\(s\\)"), out());

        assertEquals(0, run("report", "--json", log.toString()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> json = (List<Map<String, Object>>) JsonParser.parse(out());
        assertEquals("shop-api", json.get(1).get("app"));
        assertEquals(List.of("io.corsagent.demo.api.SessionAuthFilter"), json.get(1).get("misorderedAuth"));
        assertEquals(9L, json.get(1).get("corsRequests"));
    }

    /**
     * suggest reads a running JVM's summary through the channel status uses (its system properties, over the attach
     * API). The JVM here publishes the two properties as the agent does; the demo test runs the real agent.
     */
    @Test
    void suggestReadsARunningJvm() throws Exception {
        AgentEvents events = new AgentEvents(finding -> { });
        CorsPolicyEngine engine = new CorsPolicyEngine(PolicyLoader.parse("p.properties", "mode = audit").policy(),
                Mode.AUDIT, events);
        for (int i = 0; i < 2; i++) {
            engine.enter("GET", "https://app.example.com", null, null, "https", "api.example.com", 443, "/api/a")
                    .commitHeaders(200, new String[0]);
        }
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process target = new ProcessBuilder(java,
                "-D" + AgentStatus.PROPERTY + "=" + new AgentStatus().put("state", "active"),
                "-D" + TrafficObservations.PROPERTY + "=" + events.observations().snapshot(1000),
                "-cp", System.getProperty("java.class.path"), Sleeper.class.getName())
                .redirectErrorStream(true).start();
        try {
            assertEquals("ready", new String(target.getInputStream().readNBytes(5), StandardCharsets.UTF_8));
            assertEquals(0, run("suggest", String.valueOf(target.pid())), err());
            assertTrue(out().contains("\nallowed-origins = https://app.example.com\n"), out());
        } finally {
            target.destroy();
            target.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** A JVM that stays up until it is stopped. */
    public static final class Sleeper {
        public static void main(String[] arguments) throws InterruptedException {
            System.out.print("ready");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

}
