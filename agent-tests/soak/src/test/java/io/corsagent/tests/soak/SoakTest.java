package io.corsagent.tests.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.corsagent.tests.containers.ServerLines;
import io.corsagent.tests.containers.ServerProcess;
import io.corsagent.tests.containers.StatusProperty;
import io.corsagent.tests.containers.TestPaths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak: mixed load at {@value #DEFAULT_CONNECTIONS} connections against Tomcat 9 with the agent in enforce mode
 * for {@code soak.seconds} (600 unless set), the policy swapped by atomic rename every {@value #RELOAD_SECONDS}
 * seconds. Every response is checked against what the policy answers; the agent's status, live heap (after a full
 * GC, {@code jcmd GC.class_histogram}) and log are sampled. Passes with zero errors, a live heap that does not grow
 * and a log whose size depends on the reloads, not on the requests. Run it with {@code ./soak.sh}.
 */
class SoakTest {

    private static final int DEFAULT_CONNECTIONS = 64;
    private static final int RELOAD_SECONDS = 3;
    private static final Duration DURATION = Duration.ofSeconds(Long.getLong("soak.seconds", 600));
    private static final int CONNECTIONS = Integer.getInteger("soak.connections", DEFAULT_CONNECTIONS);
    /** Live heap may move by GC noise and class loading, never by a leak: a leak of one object per request would add tens of MiB. */
    private static final long HEAP_SLACK_BYTES = 4L << 20;

    private static final String ALLOWED = "https://app.example.com";
    private static final String WILDCARD = "https://eu.trusted.example";
    private static final String EVIL = "https://evil.example.net";

    @TempDir
    Path dir;

    private final LongAdder requests = new LongAdder();
    private final LongAdder mismatches = new LongAdder();
    private final ConcurrentLinkedQueue<String> firstMismatches = new ConcurrentLinkedQueue<>();
    private final AtomicLong reloads = new AtomicLong();

    @Test
    void mixedLoadWithReloadsLeavesNoErrorNoHeapGrowthAndABoundedLog() throws Exception {
        Path log = dir.resolve("agent.log");
        Path policy = dir.resolve("policy.properties");
        Files.writeString(policy, policy(600, log));
        ServerProcess server = ServerProcess.startUnshared(ServerLines.TOMCAT9, "-Xmx256m",
                "-javaagent:" + TestPaths.agentJar() + "=" + policy);
        try {
            StatusProperty.await(server.pid(), "state", "active");
            run(server, policy, log);
        } finally {
            server.stop();
        }
    }

    private void run(ServerProcess server, Path policy, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI base = URI.create("http://localhost:" + server.port());
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int offset = c;
            threads.add(new Thread(() -> clientLoop(client, base, offset, running), "soak-client-" + c));
        }
        threads.add(new Thread(() -> reloadLoop(policy, log, running), "soak-reloader"));
        threads.forEach(Thread::start);

        long start = System.nanoTime();
        Thread.sleep(Math.min(30_000, DURATION.toMillis() / 4));
        List<String> samples = new ArrayList<>();
        long heapAtStart = liveHeap(server.pid());
        long requestsAtStart = requests.sum();
        samples.add(sample(start, heapAtStart, log, server.pid()));
        long end = start + DURATION.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(60_000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            samples.add(sample(start, liveHeap(server.pid()), log, server.pid()));
        }
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        long heapAtEnd = liveHeap(server.pid());
        Map<String, String> status = StatusProperty.read(server.pid());
        long logBytes = Files.size(log);
        long logLines = Files.readAllLines(log, StandardCharsets.UTF_8).size();
        double seconds = (System.nanoTime() - start) / 1e9;

        String report = String.join("\n",
                "soak: " + CONNECTIONS + " connections, " + Math.round(seconds) + " s, Tomcat 9, Java "
                        + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                        + " cores (client and server on one machine)",
                "requests: " + requests.sum() + " (" + Math.round(requests.sum() / seconds) + "/s), mismatches: "
                        + mismatches.sum() + (firstMismatches.isEmpty() ? "" : " first: " + firstMismatches),
                "policy reloads: " + reloads.get() + ", agent status: " + status,
                "live heap after full GC: " + mib(heapAtStart) + " at warm-up (after " + requestsAtStart
                        + " requests), " + mib(heapAtEnd) + " at the end",
                "agent log: " + logBytes + " bytes, " + logLines + " lines",
                "samples (elapsed s, live heap, log bytes, agent errors):",
                "  " + String.join("\n  ", samples));
        System.out.println(report);
        Files.writeString(Paths.get("target", "soak-report.txt"), report + "\n");

        assertEquals(0, mismatches.sum(), report);
        assertEquals("0", status.get("errors"), report);
        assertEquals("0", status.get("loads-refused"), report);
        assertEquals("0", status.get("log-failures"), report);
        assertTrue(reloads.get() >= DURATION.toSeconds() / RELOAD_SECONDS - 2, report);
        assertTrue(heapAtEnd <= heapAtStart + HEAP_SLACK_BYTES, "live heap grew: " + report);
        // Bounded by what happened to the policy, not by the requests: a few lines per reload, a few findings.
        assertTrue(logLines <= 2 * reloads.get() + 100, "log grows with the load: " + report);
    }

    // ---- load ---------------------------------------------------------------------------------------------------

    /** One connection's worth of load: the request kinds in turn, each response checked. */
    private void clientLoop(HttpClient client, URI base, int offset, AtomicBoolean running) {
        String commas = ",".repeat(4000);
        for (long n = offset; running.get(); n++) {
            int kind = (int) (n % 8);
            HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30));
            try {
                switch (kind) {
                    case 0 -> check(kind, send(client, preflight(request, base, "/app/api/data", ALLOWED)), 204, ALLOWED);
                    case 1 -> check(kind, send(client, preflight(request, base, "/app/api/data", EVIL)), 403, null);
                    case 2 -> check(kind, send(client, get(request, base, "/app/api/data", ALLOWED)), 200, ALLOWED);
                    case 3 -> check(kind, send(client, get(request, base, "/app/api/data", EVIL)), 200, null);
                    case 4 -> check(kind, send(client, get(request, base, "/app/api/data", null)), 200, null);
                    case 5 -> check(kind, send(client, preflight(request, base, "/app/api/data", ALLOWED)
                            .header("Access-Control-Request-Headers", commas)), 403, null);
                    case 6 -> check(kind, send(client, get(request, base, "/app/public/x", EVIL)), 200, "*");
                    default -> check(kind, send(client, preflight(request, base, "/app/api/data", WILDCARD)), 204,
                            WILDCARD);
                }
            } catch (IOException e) {
                mismatch("kind " + kind + ": " + e);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static HttpRequest.Builder preflight(HttpRequest.Builder request, URI base, String path, String origin) {
        return request.uri(base.resolve(path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "PUT");
    }

    private static HttpRequest.Builder get(HttpRequest.Builder request, URI base, String path, String origin) {
        request.uri(base.resolve(path)).GET().header("Authorization", "Bearer soak");
        return origin == null ? request : request.header("Origin", origin);
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        requests.increment();
        return response;
    }

    private void check(int kind, HttpResponse<String> response, int status, String allowOrigin) {
        String actual = response.headers().firstValue("Access-Control-Allow-Origin").orElse(null);
        boolean ok = response.statusCode() == status && (allowOrigin == null ? actual == null : allowOrigin.equals(actual))
                && response.headers().allValues("Access-Control-Allow-Origin").size() <= 1;
        if (!ok) {
            mismatch("kind " + kind + ": expected " + status + " ACAO " + allowOrigin + ", got "
                    + response.statusCode() + " " + response.headers().map());
        }
    }

    private void mismatch(String what) {
        mismatches.increment();
        if (firstMismatches.size() < 5) {
            firstMismatches.add(what);
        }
    }

    // ---- reloads ------------------------------------------------------------------------------------------------

    /** Publishes the other of two valid policies every few seconds, the safe way: written beside, renamed over. */
    private void reloadLoop(Path policy, Path log, AtomicBoolean running) {
        try {
            while (running.get()) {
                Thread.sleep(RELOAD_SECONDS * 1000L);
                Path next = policy.resolveSibling("policy.properties.next");
                Files.writeString(next, policy(reloads.get() % 2 == 0 ? 300 : 600, log));
                Files.move(next, policy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                reloads.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            mismatch("reload: " + e);
        }
    }

    /** The contract suite's policy; the two versions differ in max-age, which no check looks at. */
    private static String policy(int maxAge, Path log) {
        return String.join("\n",
                "allowed-origins = " + ALLOWED + ", https://*.trusted.example",
                "allowed-methods = GET, POST, PUT, DELETE",
                "allowed-headers = Content-Type, Authorization, X-Requested-With",
                "exposed-headers = X-Served-Path",
                "allow-credentials = true",
                "max-age = " + maxAge,
                "log.file = " + log,
                "path./app/public/**.allowed-origins = *",
                "path./app/public/**.allow-credentials = false",
                "");
    }

    // ---- measurements -------------------------------------------------------------------------------------------

    private String sample(long start, long heap, Path log, long pid) throws Exception {
        return Math.round((System.nanoTime() - start) / 1e9) + " s, " + mib(heap) + ", "
                + (Files.exists(log) ? Files.size(log) : 0) + " B, errors "
                + StatusProperty.read(pid).get("errors");
    }

    /** Bytes of live objects: {@code jcmd GC.class_histogram} runs a full GC first, then totals what survived. */
    private static long liveHeap(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS));
        Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(output);
        assertTrue(total.find(), output);
        return Long.parseLong(total.group(1));
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
