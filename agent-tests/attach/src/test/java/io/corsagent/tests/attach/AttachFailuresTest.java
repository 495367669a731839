package io.corsagent.tests.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way attach can fail gives its own message and exit code, and never a stack trace. */
class AttachFailuresTest {

    @TempDir
    Path directory;

    private String unique;
    private Path policy;

    @BeforeEach
    void writePolicy() throws IOException {
        unique = "idle-" + UUID.randomUUID().toString().substring(0, 8);
        policy = PolicyFile.write(directory.resolve("policy.properties"), Policies.APP_ONLY).path();
    }

    @Test
    void noSuchProcess() {
        AttachCli.Run run = AttachCli.run("attach", Integer.toString(Integer.MAX_VALUE), policy.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals("cors-agent attach: no process with pid " + Integer.MAX_VALUE
                + "; 'java -jar cors-agent.jar list' shows the JVMs you can attach to\n", run.err());
    }

    @Test
    void aProcessThatIsNoJvm() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            AttachCli.Run run = AttachCli.run("attach", Long.toString(sleep.pid()), policy.toString());
            assertEquals(3, run.exitCode(), run::toString);
            assertEquals("cors-agent attach: process " + sleep.pid() + " is not a Java VM\n", run.err());
        } finally {
            sleep.destroy();
        }
    }

    @Test
    void aNameMatchingNoJvm() {
        AttachCli.Run run = AttachCli.run("attach", unique, policy.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("cors-agent attach: no running JVM has '" + unique
                + "' in its main class or jar. Running JVMs:\n"), run::toString);
    }

    @Test
    void anAmbiguousNameListsTheCandidates() throws Exception {
        Path jar = IdleJvm.jar(directory.resolve(unique + ".jar"));
        try (IdleJvm first = IdleJvm.start(jar); IdleJvm second = IdleJvm.start(jar)) {
            AttachCli.Run run = AttachCli.run("attach", unique, policy.toString());
            assertEquals(3, run.exitCode(), run::toString);
            assertTrue(run.err().startsWith("cors-agent attach: '" + unique
                    + "' matches 2 JVMs; give the pid of the one you mean:\n"), run::toString);
            assertTrue(run.err().contains("\n  " + first.pid() + "  " + jar + "\n"), run::toString);
            assertTrue(run.err().contains("\n  " + second.pid() + "  " + jar + "\n"), run::toString);
        }
    }

    /**
     * A JVM with no container: the agent loads and takes the policy, but no hook is woven into any class, so the
     * command never reports success, and status says why, with its own exit code.
     */
    @Test
    void aNameMatchingOneJvmAttachesToItAndAJvmWithNoContainerIsNeverReportedGuarded() throws Exception {
        Path jar = IdleJvm.jar(directory.resolve(unique + ".jar"));
        try (IdleJvm jvm = IdleJvm.start(jar)) {
            AttachCli.Run run = AttachCli.run("attach", unique, policy.toString(), "--mode", "audit");
            assertEquals(6, run.exitCode(), run::toString);
            assertEquals("", run.out(), run::toString);
            assertEquals("cors-agent attach: the agent is loaded in " + jvm.pid() + " with a valid policy, but it"
                    + " guards nothing: no class of a supported container is loaded (yet): requests reach no hook\n",
                    run.err());
            AttachCli.Run status = AttachCli.run("status", unique);
            assertEquals(6, status.exitCode(), status::toString);
            assertEquals("not-guarding", status.fields().get("state"), status::toString);
            assertEquals("audit", status.fields().get("mode"), status::toString);
            assertEquals("command line", status.fields().get("mode-source"), status::toString);
        }
    }

    @Test
    void attachDisabledInTheTarget() throws Exception {
        Path jar = IdleJvm.jar(directory.resolve(unique + ".jar"));
        try (IdleJvm jvm = IdleJvm.start(jar, "-XX:+DisableAttachMechanism")) {
            AttachCli.Run run = AttachCli.run("attach", jvm.pid(), policy.toString());
            assertEquals(4, run.exitCode(), run::toString);
            assertEquals("cors-agent attach: process " + jvm.pid() + " does not accept attach: it was started with"
                    + " -XX:+DisableAttachMechanism. Restart it without that option, or load the agent at start with"
                    + " -javaagent:cors-agent.jar=policy.properties\n", run.err());
        }
    }

    @Test
    void dynamicAgentLoadingDisabledInTheTarget() throws Exception {
        Path jar = IdleJvm.jar(directory.resolve(unique + ".jar"));
        try (IdleJvm jvm = IdleJvm.start(jar, "-XX:-EnableDynamicAgentLoading")) {
            AttachCli.Run run = AttachCli.run("attach", jvm.pid(), policy.toString());
            assertEquals(4, run.exitCode(), run::toString);
            assertEquals("cors-agent attach: process " + jvm.pid() + " was started with -XX:-EnableDynamicAgentLoading,"
                    + " which forbids loading an agent into the running JVM. Restart it with"
                    + " -javaagent:cors-agent.jar=policy.properties instead (or without that option)\n", run.err());
            AttachCli.Run status = AttachCli.run("status", jvm.pid());
            assertEquals(1, status.exitCode(), status::toString);
            assertTrue(status.out().contains("cors-agent is not loaded in this JVM"), status::toString);
        }
    }

    @Test
    void anotherUsersJvm() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "needs root to run the command as another user");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(policy, PosixFilePermissions.fromString("rw-r--r--"));
        Path jar = IdleJvm.jar(directory.resolve(unique + ".jar"));
        try (IdleJvm jvm = IdleJvm.start(jar)) {
            AttachCli.Run run = AttachCli.runAs(List.of("/usr/sbin/runuser", "-u", "nobody", "--"),
                    "attach", jvm.pid(), policy.toString());
            assertEquals(4, run.exitCode(), run::toString);
            assertEquals("cors-agent attach: process " + jvm.pid() + " belongs to user 'root', and this command runs as"
                    + " 'nobody': a JVM accepts attach only from its own user (or root). Run the command as that user,"
                    + " e.g. sudo -u root java -jar cors-agent.jar ...\n", run.err());
        }
    }

    @Test
    void wrongUsage() {
        AttachCli.Run missingPolicy = AttachCli.run("attach", "12345");
        assertEquals(2, missingPolicy.exitCode(), missingPolicy::toString);
        AttachCli.Run badMode = AttachCli.run("attach", "12345", policy.toString(), "--mode", "strict");
        assertEquals(2, badMode.exitCode(), badMode::toString);
        assertTrue(badMode.err().startsWith("cors-agent attach: --mode strict: use enforce, audit or off\n"),
                badMode::toString);
        AttachCli.Run help = AttachCli.run("attach", "--help");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.out().contains("Exit codes: 0 attached and confirmed;"), help::toString);
    }
}
