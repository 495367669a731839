package io.corsagent.tests.attach;

import static io.corsagent.tests.attach.Policies.APP;
import static io.corsagent.tests.attach.Policies.preflight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.corsagent.tests.containers.RawHttp;
import io.corsagent.tests.containers.ServerLines;
import io.corsagent.tests.containers.ServerProcess;
import io.corsagent.tests.containers.StatusProperty;
import io.corsagent.tests.containers.TestPaths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests in flight while the policy flips between two versions each get the whole answer of one version or of
 * the other, never a mix: the engine is swapped in one step.
 */
class ConcurrentReloadTest {

    private static final String FIRST = """
            allowed-origins = https://app.example.com
            allowed-methods = GET, PUT
            allowed-headers = Content-Type
            max-age = 600
            """;
    private static final String SECOND = """
            allowed-origins = https://app.example.com
            allowed-methods = GET, PUT, DELETE
            allowed-headers = Content-Type, X-Requested-With
            max-age = 60
            """;
    private static final List<String> FIRST_ANSWER = List.of(
            "access-control-allow-headers: Content-Type",
            "access-control-allow-methods: GET, PUT",
            "access-control-allow-origin: " + APP,
            "access-control-max-age: 600");
    private static final List<String> SECOND_ANSWER = List.of(
            "access-control-allow-headers: Content-Type, X-Requested-With",
            "access-control-allow-methods: GET, PUT, DELETE",
            "access-control-allow-origin: " + APP,
            "access-control-max-age: 60");
    private static final int FLIPS = 8;
    /**
     * The line each engine swap logs, once. The status's {@code last-load} is no signal for "this flip is in
     * force": it is stamped to the second, and two flips often land in the same second.
     */
    private static final String ACTIVATED = "cors-agent INFO: policy in effect: mode enforce";
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(10);
    private static final int CLIENTS = 4;

    @TempDir
    Path directory;

    @Test
    void everyResponseIsExactlyTheOldOrTheNewPolicysAnswer() throws Exception {
        PolicyFile policy = PolicyFile.write(directory.resolve("policy.properties"), FIRST);
        ServerProcess server = ServerProcess.startUnshared(ServerLines.JETTY12_EE10,
                "-javaagent:" + TestPaths.agentJar() + "=" + policy);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            AtomicBoolean running = new AtomicBoolean(true);
            Map<List<String>, AtomicLong> answers = new ConcurrentHashMap<>();
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                loops.add(clients.submit(() -> {
                    while (running.get()) {
                        RawHttp.Response response = preflight(server.port(), APP);
                        List<String> answer = new ArrayList<>(response.accessControlHeaders());
                        answer.add(0, "status " + response.status());
                        answers.computeIfAbsent(answer, a -> new AtomicLong()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int flip = 1; flip <= FLIPS; flip++) {
                policy.publish(flip % 2 == 1 ? SECOND : FIRST);
                // The start's activation, then one per flip: the next flip waits until this one is in force.
                server.awaitLines(l -> l.contains(ACTIVATED), 1 + flip, RELOAD_TIMEOUT);
            }
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(30, TimeUnit.SECONDS);
            }

            List<String> first = withStatus(FIRST_ANSWER);
            List<String> second = withStatus(SECOND_ANSWER);
            for (List<String> answer : answers.keySet()) {
                assertTrue(answer.equals(first) || answer.equals(second), "a mixed or wrong answer: " + answer
                        + " (all answers and their counts: " + answers + ")");
            }
            assertEquals(2, answers.size(), "both policies answered: " + answers);
            Map<String, String> status = StatusProperty.read(server.pid());
            assertTrue(status.get("last-load").startsWith("reload ok at "), status::toString);
            assertEquals("0", status.get("loads-refused"), status::toString);
        } finally {
            clients.shutdownNow();
            server.stop();
        }
    }

    private static List<String> withStatus(List<String> headers) {
        List<String> answer = new ArrayList<>(headers);
        answer.add(0, "status 204");
        return answer;
    }
}
