package io.corsagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachSocketWatchTest {

    @TempDir
    Path directory;

    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        later.shutdownNow();
        Thread.interrupted();
    }

    @Test
    void theSocketAppearingWakesTheWaitingThreadOnce() throws Exception {
        Path socket = directory.resolve(".java_pid12345");
        long start = System.nanoTime();
        try (AttachSocketWatch watch = AttachSocketWatch.watching(socket)) {
            later.schedule(() -> Files.createFile(socket), 100, TimeUnit.MILLISECONDS);

            assertThrows(InterruptedException.class, () -> Thread.sleep(10_000));
            long wokenAfterMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(wokenAfterMillis >= 100 && wokenAfterMillis < 2_000, "woken after " + wokenAfterMillis + " ms");

            Thread.sleep(50); // no second interrupt
        }
    }

    @Test
    void aWatchClosedBeforeTheSocketAppearsNeverInterrupts() throws Exception {
        Path socket = directory.resolve(".java_pid12345");
        AttachSocketWatch.watching(socket).close();

        Files.createFile(socket);
        Thread.sleep(100);

        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void aSocketThatIsThereAlreadyOrUnknownIsNotWatched() throws Exception {
        Path socket = Files.createFile(directory.resolve(".java_pid12345"));
        try (AttachSocketWatch watch = AttachSocketWatch.watching(socket)) {
            Thread.sleep(100);
        }
        try (AttachSocketWatch watch = AttachSocketWatch.watching(null)) {
            Thread.sleep(100);
        }
    }

    @Test
    void theSocketOfAProcessIsItsTmpJavaPidFileThroughItsRoot() {
        String self = JvmProcess.ownPid();

        assertEquals(Paths.get("/proc", self, "root", "tmp", ".java_pid" + self), ProcessFacts.attachSocket(self));
    }
}
