package io.corsagent.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.corsagent.cors.CorsEvents;
import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.cors.PolicyExchange;
import io.corsagent.policy.LoadResult;
import io.corsagent.policy.Mode;
import io.corsagent.policy.PolicyLoader;

/**
 * Each webapp of {@code src/test/resources/import} declares one real CORS filter (Tomcat's CorsFilter, Jetty's
 * CrossOriginFilter, the CORSFilter of com.thetransactioncompany with its properties file). The webapps run in one
 * embedded Tomcat, with the filters' own jars in WEB-INF/lib; {@code import} translates each; then the same requests
 * go to the real filter over HTTP and to the agent's engine under the imported policy (what {@code explain} shows),
 * and a browser's judgement of both answers must agree, except where a warning of the import says why not.
 */
class ImportedPolicyMatchesFiltersTest {

    private static final String[] ORIGINS = {"https://app.example.com", "https://admin.example.com",
        "https://x.app.example.com", "https://partner.example.net", "https://shop.example.org",
        "https://a.partner.example.net", "http://a.partner.example.net", "https://app-1.example.com",
        "https://evil.example", "null"};
    private static final String[][] PREFLIGHTS = {{"PUT", "content-type"}, {"DELETE", null}, {"POST", "x-token"},
        {"PATCH", null}, {"GET", "authorization"}, {"POST", "content-type,x-requested-with"}};

    @TempDir
    static Path webapps;
    private static Tomcat tomcat;
    private static int port;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @BeforeAll
    static void startTomcat() throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(webapps.resolve("tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        for (String app : new String[] {"tomcat-cors", "jetty-cors", "txn-cors"}) {
            Path dir = copyWebapp(app);
            StandardContext context = new StandardContext();
            context.setName("/" + app);
            context.setPath("/" + app);
            context.setDocBase(dir.toString());
            ContextConfig config = new ContextConfig();
            config.setDefaultWebXml(org.apache.catalina.startup.Constants.NoDefaultWebXml);
            context.addLifecycleListener(config);
            StandardJarScanner scanner = new StandardJarScanner();
            scanner.setScanClassPath(false);
            context.setJarScanner(scanner);
            context.setParentClassLoader(ImportedPolicyMatchesFiltersTest.class.getClassLoader());
            tomcat.getHost().addChild(context);
        }
        tomcat.start();
        port = tomcat.getConnector().getLocalPort();
    }

    /** The webapp, with the filter's library in WEB-INF/lib where a real app keeps it. */
    private static Path copyWebapp(String app) throws Exception {
        Path source = Paths.get(ImportedPolicyMatchesFiltersTest.class.getResource("/import/" + app).toURI());
        Path target = webapps.resolve(app);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (app.equals("txn-cors")) {
            Path lib = Files.createDirectories(target.resolve("WEB-INF/lib"));
            for (String type : new String[] {"com.thetransactioncompany.cors.CORSFilter",
                "com.thetransactioncompany.util.PropertyRetriever"}) {
                Path jar = Paths.get(Class.forName(type).getProtectionDomain().getCodeSource().getLocation().toURI());
                Files.copy(jar, lib.resolve(jar.getFileName()));
            }
        }
        return target;
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    private static PolicyImporter importer(String app) throws IOException {
        return new PolicyImporter(webapps.resolve(app), null);
    }

    @Test
    void tomcatsCorsFilter() throws Exception {
        PolicyImporter importer = importer("tomcat-cors");
        String policy = importer.importPolicy();
        assertTrue(policy.contains("\npath./tomcat-cors/api/**.allowed-origins = https://app.example.com,"
                + " https://admin.example.com\npath./tomcat-cors/api/**.allowed-methods = OPTIONS, PUT, DELETE\n"
                + "path./tomcat-cors/api/**.allowed-headers = Content-Type, X-Requested-With, Accept, Origin,"
                + " Authorization\npath./tomcat-cors/api/**.exposed-headers = X-Request-Id\n"
                + "path./tomcat-cors/api/**.allow-credentials = true\npath./tomcat-cors/api/**.max-age = 600\n"
                + "path./tomcat-cors/api/**.reject-disallowed = true\n"), policy);
        assertSameAnswers("tomcat-cors", policy, List.of("/api/orders/1", "/other"));
    }

    @Test
    void jettysCrossOriginFilter() throws Exception {
        PolicyImporter importer = importer("jetty-cors");
        String policy = importer.importPolicy();
        assertTrue(policy.contains("\npath./jetty-cors/**.allowed-origins = https://app.example.com,"
                + " https://*.example.org, https://*.partner.example.net, http://*.partner.example.net\n"), policy);
        assertTrue(importer.warnings().stream().anyMatch(w -> w.contains("'https://app-*.example.com' is a regular"
                + " expression")), importer.warnings()::toString);
        // The one origin the policy cannot express: Jetty allows it, the agent (as the warning says) does not.
        assertSameAnswers("jetty-cors", policy, List.of("/anything", "/api/x"), "https://app-1.example.com");
    }

    @Test
    void theTransactionCompanysCorsFilterWithItsPropertiesFile() throws Exception {
        PolicyImporter importer = importer("txn-cors");
        String policy = importer.importPolicy();
        assertTrue(policy.contains("\npath./txn-cors/api/**.allowed-origins = https://app.example.com,"
                + " https://*.app.example.com, https://partner.example.net, https://*.partner.example.net\n"), policy);
        assertTrue(policy.contains("\npath./txn-cors/api/**.max-age = 3600\n"), policy);
        assertSameAnswers("txn-cors", policy, List.of("/api/orders", "/page"));
    }

    /**
     * Sends every origin, as actual requests (with and without credentials) and preflights, to the real filter and
     * to the engine under the imported policy, on each path; the browser's verdicts must match.
     *
     * @param untranslatable origins a warning of the import leaves out: the filter allows them, the agent must not
     */
    private static void assertSameAnswers(String app, String policy, List<String> paths, String... untranslatable)
            throws Exception {
        LoadResult loaded = PolicyLoader.parse("imported.properties", policy);
        assertTrue(loaded.isValid(), () -> loaded.errors() + "\n" + policy);
        CorsPolicyEngine engine = new CorsPolicyEngine(loaded.policy(), Mode.ENFORCE, CorsEvents.NONE);
        List<String> differences = new ArrayList<>();
        int compared = 0;
        int allowed = 0;
        for (String path : paths) {
            String served = "/" + app + path;
            for (String origin : ORIGINS) {
                boolean expectDifference = List.of(untranslatable).contains(origin);
                for (boolean credentials : new boolean[] {false, true}) {
                    Answer filter = send("GET", served, origin, null, null);
                    Answer agent = agent(engine, "GET", served, origin, null, null);
                    boolean filterSays = BrowserCors.readable(origin, credentials, filter.headers);
                    boolean agentSays = BrowserCors.readable(origin, credentials, agent.headers);
                    compared++;
                    allowed += filterSays ? 1 : 0;
                    if (filterSays != agentSays && !(expectDifference && filterSays)) {
                        differences.add("GET " + served + " from " + origin + (credentials ? " with credentials" : "")
                                + ": filter " + filter + ", agent " + agent);
                    }
                }
                for (String[] preflight : PREFLIGHTS) {
                    Answer filter = send("OPTIONS", served, origin, preflight[0], preflight[1]);
                    Answer agent = agent(engine, "OPTIONS", served, origin, preflight[0], preflight[1]);
                    boolean filterSays = BrowserCors.preflightPasses(origin, true, preflight[0], preflight[1],
                            filter.status, filter.headers);
                    boolean agentSays = BrowserCors.preflightPasses(origin, true, preflight[0], preflight[1],
                            agent.status, agent.headers);
                    compared++;
                    allowed += filterSays ? 1 : 0;
                    if (filterSays != agentSays && !(expectDifference && filterSays)) {
                        differences.add("preflight " + preflight[0] + " " + preflight[1] + " " + served + " from "
                                + origin + ": filter " + filter + ", agent " + agent);
                    }
                }
            }
        }
        assertTrue(allowed > 10, "the filter allowed something (" + allowed + " of " + compared + ")");
        assertEquals(List.of(), differences, "compared " + compared + " answers");
    }

    /** A response: status and lower-cased CORS headers. */
    private static final class Answer {
        final int status;
        final Map<String, String> headers = new LinkedHashMap<>();

        Answer(int status) {
            this.status = status;
        }

        @Override
        public String toString() {
            return status + " " + headers;
        }
    }

    private static Answer send(String method, String path, String origin, String requestMethod, String requestHeaders)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin);
        if (requestMethod != null) {
            request.header("Access-Control-Request-Method", requestMethod);
        }
        if (requestHeaders != null) {
            request.header("Access-Control-Request-Headers", requestHeaders);
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        Answer answer = new Answer(response.statusCode());
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("access-control-")) {
                answer.headers.put(lower, String.join(", ", values));
            }
        });
        return answer;
    }

    /** What the agent answers, as {@code explain} shows it: its own answer, or the headers of the app's response. */
    private static Answer agent(CorsPolicyEngine engine, String method, String path, String origin,
                                String requestMethod, String requestHeaders) {
        PolicyExchange exchange = engine.enter(method, origin, requestMethod, requestHeaders, "http", "localhost", port,
                path);
        String[] headers;
        Answer answer;
        if (exchange.answerStatus() != 0) {
            answer = new Answer(exchange.answerStatus());
            headers = exchange.answerHeaders();
        } else {
            answer = new Answer(200);
            headers = exchange.commitHeaders(200, new String[0]);
        }
        for (int i = 0; headers != null && i + 1 < headers.length; i += 2) {
            String lower = headers[i].toLowerCase(Locale.ROOT);
            if (lower.startsWith("access-control-")) {
                answer.headers.put(lower, headers[i + 1]);
            }
        }
        return answer;
    }
}
