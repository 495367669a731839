package io.corsagent.tests.attach;

import static io.corsagent.tests.attach.Policies.APP;
import static io.corsagent.tests.attach.Policies.allowedPreflight;
import static io.corsagent.tests.attach.Policies.preflight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.corsagent.tests.containers.RawHttp;
import io.corsagent.tests.containers.ServerLines;
import io.corsagent.tests.containers.ServerProcess;

/**
 * Attach to two Tomcat 11 JVMs in turn that share a temporary directory: the first attach weaves the classes it
 * retransforms and keeps them; the second takes them from the cache and never sets up the weaver (its class is not
 * even loaded), and its hooks answer. (That the JVM may hand over a loaded class with its methods in another order
 * than the last JVM did is {@code ClassFileDigestTest}'s: here the order happens to be the same.)
 */
class AttachWithWovenClassesKeptTest {

    private static final String WEAVER_CLASS = "io.corsagent.shaded.bytebuddy.asm.Advice ";

    @TempDir
    Path tmp;

    @Test
    void aSecondAttachTakesTheWovenClassesTheFirstKept() throws Exception {
        Path policy = PolicyFile.write(tmp.resolve("policy.properties"), Policies.APP_ONLY).path();
        assertTrue(attachAndPreflight(policy), "the first attach weaves");
        assertFalse(attachAndPreflight(policy), "the second attach weaves nothing");
    }

    /** @return whether the attach loaded the weaver */
    private boolean attachAndPreflight(Path policy) throws Exception {
        ServerProcess server = ServerProcess.startUnshared(ServerLines.TOMCAT11, "-Djava.io.tmpdir=" + tmp,
                "-verbose:class");
        try {
            assertEquals(401, preflight(server.port(), APP).status(), "the app's auth filter, without the agent");
            AttachCli.Run run = AttachCli.run("attach", Long.toString(server.pid()), policy.toString());
            assertEquals(0, run.exitCode(), run::toString);
            RawHttp.Response response = preflight(server.port(), APP);
            assertEquals(204, response.status(), response::toString);
            assertEquals(allowedPreflight(APP), response.accessControlHeaders(), response::toString);
            return server.output().stream().anyMatch(l -> l.contains(WEAVER_CLASS));
        } finally {
            server.stop();
        }
    }
}
