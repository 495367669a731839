package io.corsagent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Watches the policy file and reports a change once the file has been stable for a moment.
 *
 * <p>It polls rather than using a {@code WatchService}, because the ways operators publish a policy defeat
 * directory events: editors write a temporary file and rename it over the old one, and Kubernetes swaps the
 * symlink of a ConfigMap's whole directory. A poll compares the file's real path, identity, size and
 * modification time, which changes in every one of those cases and costs one {@code stat} per tick. A file
 * written in several steps changes on several ticks; the change is reported only after it stayed the same
 * for {@link #STABLE_TICKS} ticks, so the policy is validated once it is complete.
 */
final class PolicyWatcher {

    static final long TICK_MILLIS = 250;
    static final int STABLE_TICKS = 2;

    private final Path file;
    private Stamp seen;
    private int unchangedTicks;
    private boolean pending;

    PolicyWatcher(Path file) {
        this.file = file;
        this.seen = Stamp.of(file);
    }

    /** @return true exactly once per completed change: when the policy should be reloaded */
    boolean tick() {
        Stamp now = Stamp.of(file);
        if (!now.equals(seen)) {
            seen = now;
            unchangedTicks = 0;
            pending = true;
            return false;
        }
        if (pending && ++unchangedTicks >= STABLE_TICKS) {
            pending = false;
            return true;
        }
        return false;
    }

    /** What identifies one version of the file. A missing or unreadable file is a version too. */
    private static final class Stamp {
        private final String state;

        private Stamp(String state) {
            this.state = state;
        }

        static Stamp of(Path file) {
            try {
                Path real = file.toRealPath();
                BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
                return new Stamp(real + "|" + attributes.fileKey() + "|" + attributes.size() + "|"
                        + attributes.lastModifiedTime() + "|" + Files.isReadable(real));
            } catch (NoSuchFileException e) {
                return new Stamp("missing");
            } catch (IOException | SecurityException e) {
                return new Stamp("unreadable: " + e.getMessage());
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Stamp && ((Stamp) other).state.equals(state);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(state);
        }
    }
}
