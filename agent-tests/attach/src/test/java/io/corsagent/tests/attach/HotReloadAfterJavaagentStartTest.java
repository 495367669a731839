package io.corsagent.tests.attach;

import static io.corsagent.tests.attach.Policies.APP;
import static io.corsagent.tests.attach.Policies.PARTNER;
import static io.corsagent.tests.attach.Policies.allowedPreflight;
import static io.corsagent.tests.attach.Policies.preflight;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.corsagent.tests.containers.RawHttp;
import io.corsagent.tests.containers.ServerLines;
import io.corsagent.tests.containers.ServerProcess;
import io.corsagent.tests.containers.TestPaths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy file is watched after a {@code -javaagent} start too, and survives the way Kubernetes publishes a
 * ConfigMap: the file is a symlink into {@code ..data}, itself a symlink to a timestamped directory that is
 * replaced as a whole (a new directory, a new {@code ..data} renamed over the old one, the old directory deleted).
 */
class HotReloadAfterJavaagentStartTest {

    /** The 2 s of docs/DESIGN.md section 8, plus a second for the shared build machine. */
    private static final Duration RELOAD_DEADLINE = Duration.ofSeconds(3);

    @TempDir
    Path directory;

    @Test
    void aConfigMapStyleSymlinkSwapIsReloadedAndAnInvalidOneRefused() throws Exception {
        ConfigMapDirectory configMap = new ConfigMapDirectory(directory);
        configMap.publish(Policies.APP_ONLY);
        ServerProcess server = ServerProcess.startUnshared(ServerLines.TOMCAT9,
                "-javaagent:" + TestPaths.agentJar() + "=" + configMap.policy());
        try {
            assertEquals(allowedPreflight(APP), preflight(server.port(), APP).accessControlHeaders());
            assertEquals(403, preflight(server.port(), PARTNER).status());

            configMap.publish(Policies.APP_AND_PARTNER);
            RawHttp.Response response = awaitStatus(server.port(), PARTNER, 204);
            assertEquals(allowedPreflight(PARTNER), response.accessControlHeaders(), response::toString);

            configMap.publish(Policies.INVALID);
            server.awaitLine(l -> l.contains("the new policy has errors and was not applied; the previous policy"
                    + " stays in effect (reload)"), Duration.ofSeconds(10));
            assertEquals(allowedPreflight(PARTNER), preflight(server.port(), PARTNER).accessControlHeaders());
        } finally {
            server.stop();
        }
    }

    private static RawHttp.Response awaitStatus(int port, String origin, int status) throws IOException {
        long published = System.nanoTime();
        RawHttp.Response response;
        do {
            response = preflight(port, origin);
        } while (response.status() != status && System.nanoTime() - published < RELOAD_DEADLINE.toNanos());
        assertEquals(status, response.status(), "not reloaded within " + RELOAD_DEADLINE);
        return response;
    }

    /** A directory laid out and updated the way the kubelet mounts a ConfigMap. */
    private static final class ConfigMapDirectory {
        private final Path root;
        private int version;

        ConfigMapDirectory(Path root) {
            this.root = root;
        }

        Path policy() {
            return root.resolve("policy.properties");
        }

        void publish(String content) throws IOException {
            Path data = root.resolve("..data");
            Path previous = Files.isSymbolicLink(data) ? root.resolve(Files.readSymbolicLink(data)) : null;
            Path next = Files.createDirectory(root.resolve("..2026_11_27_v" + ++version));
            Files.writeString(next.resolve("policy.properties"), content);
            Path newLink = Files.createSymbolicLink(root.resolve("..data_tmp"), next.getFileName());
            Files.move(newLink, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (!Files.exists(policy(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(policy(), Path.of("..data", "policy.properties"));
            }
            if (previous != null) {
                Files.delete(previous.resolve("policy.properties"));
                Files.delete(previous);
            }
        }
    }
}
