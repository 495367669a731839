package io.corsagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ticks are driven by hand: the watcher's behaviour is a function of the file's versions, not of time. */
class PolicyWatcherTest {

    @TempDir
    Path dir;

    @Test
    void reportsAnEditOnceItIsStable() throws Exception {
        Path policy = write(dir.resolve("policy.properties"), "mode = enforce\n");
        PolicyWatcher watcher = new PolicyWatcher(policy);
        assertEquals("....", ticks(watcher, 4), "an unchanged file is never reported");

        write(policy, "mode = audit\n");
        assertEquals("..!.", ticks(watcher, 4));
    }

    @Test
    void waitsForAFileWrittenInSeveralSteps() throws Exception {
        Path policy = write(dir.resolve("policy.properties"), "mode = enforce\n");
        PolicyWatcher watcher = new PolicyWatcher(policy);

        Files.write(policy, "allowed-origins = https://a.example\n".getBytes(StandardCharsets.UTF_8));
        assertFalse(watcher.tick());
        Files.write(policy, "allowed-methods = PUT\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        assertFalse(watcher.tick());
        Files.write(policy, "max-age = 60\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        assertEquals("..!", ticks(watcher, 3), "reported once, after the last step stayed unchanged");
    }

    @Test
    void followsAnEditorThatRenamesATemporaryFileOverThePolicy() throws Exception {
        Path policy = write(dir.resolve("policy.properties"), "mode = enforce\n");
        PolicyWatcher watcher = new PolicyWatcher(policy);

        Path temporary = write(dir.resolve(".policy.properties.swp"), "mode = audit\n");
        Files.move(temporary, policy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals("..!.", ticks(watcher, 4));
    }

    @Test
    void followsAKubernetesConfigMapSymlinkSwap() throws Exception {
        Path first = write(dir.resolve("..2026_11_27_first/policy.properties"), "mode = enforce\n");
        Path second = write(dir.resolve("..2026_11_27_second/policy.properties"), "mode = enforce\n");
        Files.createSymbolicLink(dir.resolve("..data"), first.getParent().getFileName());
        Path policy = Files.createSymbolicLink(dir.resolve("policy.properties"), dir.relativize(dir.resolve("..data/policy.properties")));
        PolicyWatcher watcher = new PolicyWatcher(policy);

        // kubelet: a new ..data link beside the old one, renamed over it in one step
        Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getParent().getFileName());
        Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        assertEquals("..!.", ticks(watcher, 4), "same content, but another file: reloaded");
    }

    @Test
    void reportsADeletedFileAndItsReturn() throws Exception {
        Path policy = write(dir.resolve("policy.properties"), "mode = enforce\n");
        PolicyWatcher watcher = new PolicyWatcher(policy);

        Files.delete(policy);
        assertEquals("..!.", ticks(watcher, 4), "a deleted policy is reported so the reload can refuse it");
        write(policy, "mode = enforce\n");
        assertEquals("..!.", ticks(watcher, 4));
    }

    private static String ticks(PolicyWatcher watcher, int count) {
        StringBuilder reported = new StringBuilder();
        for (int i = 0; i < count; i++) {
            reported.append(watcher.tick() ? '!' : '.');
        }
        return reported.toString();
    }

    private static Path write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }
}
