package io.corsagent.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's log as an operator configures it in the policy: {@code log.format = json} and {@code log.file}, end to
 * end on Tomcat 10.1 with the audit app in audit mode. Each line of the file is one strict JSON object; a finding
 * carries the fields docs/operations.md documents. A flood of preflights with random origins writes one line for its
 * finding and then only summary lines, whose counts add up to every request that was not logged.
 *
 * <p>The summary is written at most once a minute; the server runs with the test-only switch
 * {@code -Dcors-agent.test.summary-millis=1000}, so that the suite sees it within seconds.
 */
class AuditLogTest {

    private static final String ALLOWED = "https://app.example.com";
    /** An origin only {@link #suggestSeesCredentialsAndTheHeadersTheAppSent} sends from, so its counts are its own. */
    private static final String SHOP = "https://shop.example.com";
    private static final int FLOOD = 20_000;
    private static final int CONNECTIONS = 4;
    /** Requests of the flood sent a second time by {@link #sendOnce}: the server may have seen the first attempt. */
    private static final AtomicInteger RESENT = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    static Path dir;

    private static ServerProcess server;
    private static Path logFile;

    @BeforeAll
    static void startServerLoggingJsonToAFile() throws Exception {
        logFile = dir.resolve("cors-agent.log");
        Path policy = Files.writeString(dir.resolve("policy.properties"), String.join("\n",
                "allowed-origins = " + ALLOWED + ", " + SHOP,
                "allowed-methods = GET, POST, PUT",
                "allowed-headers = Content-Type, Authorization",
                "allow-credentials = true",
                "max-age = 600",
                "# The flood's own rule, so that its finding is told apart in the summary.",
                "path./app/flood/**.max-age = 600",
                "log.format = json",
                "log.file = " + logFile,
                "log.app = audit-test",
                ""));
        server = ServerProcess.startUnshared(ServerLines.TOMCAT10_AUDIT_APP,
                "-Dcors-agent.test.summary-millis=1000",
                "-javaagent:" + TestPaths.agentJar() + "=" + policy + ",mode=audit");
        StatusProperty.await(server.pid(), "state", "active");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aFindingIsOneJsonObjectPerLineWithTheDocumentedFields() throws Exception {
        RawHttp.Response response = RawHttp.request("OPTIONS", "/app/misordered/orders").origin(ALLOWED)
                .header("Access-Control-Request-Method", "PUT").send(server.port());
        assertEquals(401, response.status());
        Map<String, String> status = awaitCounted("preflights-would-answer");
        assertEquals("0", status.get("preflights-answered"), () -> "audit mode answered nothing itself: " + status);

        JsonNode finding = awaitJsonLine(node -> "misordered-auth".equals(text(node, "finding")));
        Map<String, String> fields = new TreeMap<>();
        finding.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
        String culprit = "io.corsagent.testapp.audit.BearerAuthFilter";
        String message = "misordered-auth [top-level]: " + culprit + " (filter 1 of the filter chain) rejected the"
                + " preflight OPTIONS /app/misordered/orders from https://app.example.com (for PUT) with 401 before"
                + " any CORS handling ran, ahead of Tomcat's CorsFilter (org.apache.catalina.filters.CorsFilter)."
                + " Enforce mode would answer this preflight itself (204) before BearerAuthFilter sees it. Fix: map"
                + " the CORS filter ahead of BearerAuthFilter, or let OPTIONS preflights through BearerAuthFilter"
                + " unauthenticated.";
        Instant.parse(fields.remove("time"));
        assertEquals(new TreeMap<>(Map.ofEntries(
                Map.entry("level", "WARN"),
                Map.entry("app", "audit-test"),
                Map.entry("message", message),
                Map.entry("finding", "misordered-auth"),
                Map.entry("rule", "top-level"),
                Map.entry("culprit", culprit),
                Map.entry("position", "filter 1 of the filter chain"),
                Map.entry("corsFilter", "Tomcat's CorsFilter (org.apache.catalina.filters.CorsFilter)"),
                Map.entry("method", "OPTIONS"),
                Map.entry("path", "/app/misordered/orders"),
                Map.entry("origin", ALLOWED),
                Map.entry("status", "401"))), fields);

        // The file has every line, stderr and stdout none of the findings.
        assertTrue(server.output().stream().noneMatch(l -> l.contains("misordered-auth")),
                () -> String.join("\n", server.output()));
    }

    /**
     * The traffic summary that suggest --from-log reads: an observed line, its summary a JSON object in a field. The
     * line is written at most once a minute while the summary learns: the first one may hold another test's origin.
     */
    @Test
    void theCorsTrafficIsSummarisedInAnObservedLine() throws Exception {
        RawHttp.request("GET", "/app/observed").origin(ALLOWED).send(server.port());
        JsonNode line = awaitJsonLine(node -> "observed".equals(text(node, "finding")));
        JsonNode summary = JSON.readTree(text(line, "observed"));
        assertEquals(2, summary.get("version").asInt(), summary::toString);
        assertTrue(summary.get("origins").isArray() && summary.get("origins").size() > 0, summary::toString);
        assertEquals("audit-test", text(line, "app"));
        assertEquals("INFO", text(line, "level"));
        assertTrue(text(line, "message").startsWith("observed: CORS traffic seen since the start: "),
                line::toString);
    }

    /**
     * {@code suggest <pid>} on the running Tomcat: its hook (through the hook protocol) told the agent which CORS
     * requests carried a cookie or an Authorization header, and which headers the app sent on their responses (the
     * test app's servlet sets X-Served-Path, and Vary, which the agent manages itself), so the suggested policy
     * allows credentials and exposes X-Served-Path, each with its counts.
     */
    @Test
    void suggestSeesCredentialsAndTheHeadersTheAppSent() throws Exception {
        assertEquals(200, RawHttp.request("GET", "/app/suggest/orders").origin(SHOP)
                .header("Cookie", "session=1").send(server.port()).status());
        assertEquals(200, RawHttp.request("GET", "/app/suggest/orders").origin(SHOP).bearer().send(server.port())
                .status());
        RawHttp.Response plain = RawHttp.request("GET", "/app/suggest/orders").origin(SHOP).send(server.port());
        assertEquals("/app/suggest/orders", plain.header("X-Served-Path"), plain::toString);

        // The summary reaches the system property within 5 s of a change; --min-count 3 keeps the other tests'
        // origin (at most 2 requests) out of the values, so the counts are this test's.
        String policy = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            Thread.sleep(500);
            policy = cli("suggest", Long.toString(server.pid()), "--min-count", "3");
        } while (!policy.contains("\n# " + SHOP + ": 3 request(s), first ") && System.nanoTime() < deadline);

        String minute = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ";
        assertTrue(Pattern.compile("\n# " + Pattern.quote(SHOP) + ": 2 of 3 request\\(s\\) checked carried Cookie"
                + " or Authorization, first " + minute + ", last " + minute + "\nallow-credentials = true\n")
                .matcher(policy).find(), policy);
        assertTrue(policy.contains("\n# exposed-headers: a page reads only these response headers besides the"
                + " CORS-safelisted ones; keep those your frontends read\n# x-served-path: sent by the app on 3 of 3"
                + " CORS response(s) checked, to " + SHOP + "\nexposed-headers = x-served-path\n"), policy);
    }

    /** Runs {@code java -jar cors-agent.jar <arguments>}: its output, and its exit code unless 0. */
    private static String cli(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", TestPaths.agentJar().toString()));
        command.addAll(List.of(arguments));
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        cli.getOutputStream().close();
        String output = new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(cli.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), output);
        return cli.exitValue() == 0 ? output : output + "(exit " + cli.exitValue() + ")\n";
    }

    /** The status once its counter is no longer 0 (it is published every second). */
    private Map<String, String> awaitCounted(String counter) throws Exception {
        for (int i = 0; i < 50; i++) {
            Map<String, String> status = StatusProperty.read(server.pid());
            if (!"0".equals(status.get(counter))) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(counter + " still 0: " + StatusProperty.read(server.pid()));
    }

    @Test
    void aFloodOfRandomOriginsWritesOneLineAndSummariesThatCountTheRest() throws Exception {
        String key = "preflight-would-refuse path./app/flood/** ORIGIN_NOT_ALLOWED";
        int linesBefore = jsonLines().size();
        long started = System.nanoTime();
        flood();
        long floodSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.println("AuditLogTest: " + FLOOD + " preflights in " + floodSeconds + " s, " + RESENT.get()
                + " resent");

        // Every refused preflight was reported: the first one logged, the other FLOOD - 1 counted in summaries.
        Pattern counted = Pattern.compile(Pattern.quote(key) + " x(\\d+)");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long summarized;
        List<JsonNode> lines;
        do {
            Thread.sleep(250);
            lines = jsonLines();
            summarized = 0;
            for (JsonNode line : lines.subList(linesBefore, lines.size())) {
                Matcher count = counted.matcher(text(line, "message"));
                if ("summary".equals(text(line, "finding")) && count.find()) {
                    summarized += Long.parseLong(count.group(1));
                }
            }
        } while (summarized < FLOOD - 1 && System.nanoTime() < deadline);
        List<JsonNode> seen = lines;
        // A resent request counts twice when the server had read its first attempt: the agent counts what arrives.
        long total = summarized;
        int resent = RESENT.get();
        assertTrue(total >= FLOOD - 1 && total <= FLOOD - 1 + resent, () -> "the summaries count every request"
                + " not logged, once: " + total + " for " + FLOOD + " requests, " + resent + " of them resent:\n"
                + seen.subList(linesBefore, seen.size()));

        List<JsonNode> written = lines.subList(linesBefore, lines.size());
        long findingLines = written.stream().filter(l -> "preflight-would-refuse".equals(text(l, "finding"))).count();
        long summaries = written.stream().filter(l -> "summary".equals(text(l, "finding"))).count();
        long observed = written.stream().filter(l -> "observed".equals(text(l, "finding"))).count();
        assertEquals(1, findingLines, "one line for the flood's finding, whatever the origins");
        assertEquals(written.size(), findingLines + summaries + observed, "nothing else was written");
        // The traffic summary (for suggest): at most a line a minute while it learns new origins, whatever the flood.
        assertTrue(observed <= floodSeconds / 60 + 1, observed + " traffic summaries for a flood of " + floodSeconds
                + " s");
        // One summary a second at most (the test switch; a minute without it), only while something was held back.
        assertTrue(summaries <= floodSeconds + 3, summaries + " summaries for a flood of " + floodSeconds + " s");
        // The flood's first summary (one counting the other tests' findings may come before it).
        JsonNode firstSummary = written.stream().filter(l -> "summary".equals(text(l, "finding"))
                && text(l, "message").contains(key + " x")).findFirst().orElseThrow();
        assertEquals(Set.of("time", "level", "app", "message", "finding", "counted", "distinct", "overLimit"),
                fieldNames(firstSummary));
        assertTrue(text(firstSummary, "message").contains(" (first origins https://"), firstSummary::toString);
    }

    /** FLOOD refused preflights, each with a random origin and a random requested header, on a few connections. */
    private static void flood() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://localhost:" + server.port() + "/app/flood/orders");
        RESENT.set(0);
        ExecutorService threads = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < CONNECTIONS; t++) {
                results.add(threads.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int answered = 0;
                    for (int i = 0; i < FLOOD / CONNECTIONS; i++) {
                        HttpRequest request = HttpRequest.newBuilder(uri)
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", "https://" + Long.toHexString(random.nextLong()) + ".example")
                                .header("Access-Control-Request-Method", "PUT")
                                .header("Access-Control-Request-Headers", "x-" + Integer.toHexString(random.nextInt()))
                                .build();
                        answered += sendOnce(client, request).statusCode() == 200 ? 1 : 0;
                    }
                    return answered;
                }));
            }
            int answeredByTheApp = 0;
            for (Future<Integer> result : results) {
                answeredByTheApp += result.get();
            }
            // Audit mode: the app (its servlet's doOptions) answers every one of them.
            assertEquals(FLOOD, answeredByTheApp);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Sends a request, again once if the client's pooled connection was closed under it before any answer
     * ("header parser received no bytes", after the client's pool closed it locally): java.net.http can hand a
     * connection the server is closing to the next request. Whether the server had read that first attempt the
     * client cannot tell, so each resend is counted in {@link #RESENT}.
     */
    private static HttpResponse<Void> sendOnce(HttpClient client, HttpRequest request) throws Exception {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                throw e;
            }
            RESENT.incrementAndGet();
            return client.send(request, HttpResponse.BodyHandlers.discarding());
        }
    }

    private static JsonNode awaitJsonLine(java.util.function.Predicate<JsonNode> predicate) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            for (JsonNode line : jsonLines()) {
                if (predicate.test(line)) {
                    return line;
                }
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no such line in " + logFile + ":\n" + Files.readString(logFile));
    }

    /** Every complete line of the log file, each parsed strictly as one JSON object. */
    private static List<JsonNode> jsonLines() throws IOException {
        String content = Files.exists(logFile) ? Files.readString(logFile) : "";
        List<JsonNode> lines = new ArrayList<>();
        // A line the writing thread has not finished yet is left for the next read.
        for (String line : content.substring(0, content.lastIndexOf('\n') + 1).split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            assertTrue(node.isObject(), line);
            lines.add(node);
        }
        return lines;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? null : value.asText();
    }
}
