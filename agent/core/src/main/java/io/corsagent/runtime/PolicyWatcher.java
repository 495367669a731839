package io.corsagent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * Watches the policy file and reports a change once the file has been stable for a moment.
 *
 * <p>It polls rather than using a {@code WatchService}, because the ways operators publish a policy defeat
 * directory events: editors write a temporary file and rename it over the old one, and Kubernetes swaps the
 * symlink of a ConfigMap's whole directory. A poll compares the identity (device and inode) of the file the name
 * leads to, its size and its modification time, one of which changes in every one of those cases. A file
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

    /**
     * What identifies one version of the file. A missing or unreadable file is a version too. Compared field by field:
     * the watcher ticks four times a second for the life of the JVM, mostly interpreted, so a tick only reads the
     * file's attributes.
     */
    private static final class Stamp {
        /** The file's key (device and inode); where the file system has none, the real path the name leads to. */
        private final Object identity;
        private final long size;
        private final FileTime modified;
        private final boolean readable;
        /** {@code null}, or why there is no file to read: "missing", or the error. */
        private final String failure;

        private Stamp(Object identity, long size, FileTime modified, boolean readable, String failure) {
            this.identity = identity;
            this.size = size;
            this.modified = modified;
            this.readable = readable;
            this.failure = failure;
        }

        /**
         * The attributes are those of the file the name leads to, symbolic links followed, so that a link swapped to
         * another file (a Kubernetes ConfigMap's update) changes its identity.
         */
        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                Object key = attributes.fileKey();
                return new Stamp(key != null ? key : file.toRealPath(), attributes.size(),
                        attributes.lastModifiedTime(), Files.isReadable(file), null);
            } catch (NoSuchFileException e) {
                return new Stamp(null, -1, null, false, "missing");
            } catch (IOException | SecurityException e) {
                return new Stamp(null, -1, null, false, "unreadable: " + e.getMessage());
            }
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Stamp)) {
                return false;
            }
            Stamp stamp = (Stamp) other;
            return size == stamp.size && readable == stamp.readable && Objects.equals(identity, stamp.identity)
                    && Objects.equals(modified, stamp.modified) && Objects.equals(failure, stamp.failure);
        }

        @Override
        public int hashCode() {
            return Objects.hash(identity, size, modified, readable, failure);
        }
    }
}
