package io.corsagent.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.corsagent.hooks.HookPoint;

/**
 * The class files the agent wove, kept on disk from one run to the next, so that a JVM restarted (or attached to
 * again) with the same agent on the same container takes its woven classes from here and never sets up the weaver
 * (Byte Buddy's first weave is most of the agent's start-up cost).
 *
 * <p>An entry is named by a digest of everything its woven form depends on: the class's name and bytes (its methods
 * in any order: see {@link ClassFileDigest}), the advice of the points applying to it, and the Java version. The
 * agent's own build is the directory: one per extracted agent bundle, beside it. The launcher extracts the bundle into a directory only the current user can write (or,
 * when it cannot ensure one, into a temporary file, beside which nothing is cached): a class file another local user
 * could write would run inside the application.
 *
 * <p>Entries are written aside and renamed, so that a JVM starting at the same moment never reads half of one, and
 * carry the digest of their content, so that a damaged one is never used. A cache that cannot be written fails once
 * and is left alone; the classes are then woven at every start. Nothing here
 * logs: the transformer, which uses it, may run before the agent's log is set up.
 */
final class WovenClassCache {

    /** A cache that has nothing and keeps nothing. */
    static final WovenClassCache NONE = new WovenClassCache(null);

    /** What {@link #find} returns for a class the weaver left as it was. */
    static final byte[] UNCHANGED = new byte[0];

    private static final String BUNDLE_PREFIX = "agent-bundle-";
    private static final String ENTRY_SUFFIX = ".woven";
    private static final String APPLIED_SUFFIX = "-applied";
    private static final int DIGEST_BYTES = 32;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Path directory;
    private volatile boolean writable = true;

    WovenClassCache(Path directory) {
        this.directory = directory;
    }

    /** The cache beside the agent bundle this class was loaded from, or {@link #NONE} when it has no private one. */
    static WovenClassCache besideAgentBundle() {
        try {
            CodeSource source = WovenClassCache.class.getProtectionDomain().getCodeSource();
            Path bundle = source == null ? null : Paths.get(source.getLocation().toURI());
            String name = bundle == null || bundle.getFileName() == null ? "" : bundle.getFileName().toString();
            if (!name.startsWith(BUNDLE_PREFIX) || !name.endsWith(".jar")) {
                return NONE;
            }
            String build = name.substring(BUNDLE_PREFIX.length(), name.length() - ".jar".length());
            return new WovenClassCache(bundle.resolveSibling("woven-" + build));
        } catch (URISyntaxException | RuntimeException e) {
            return NONE;
        }
    }

    /**
     * The name of the entry of a class, when the given points (those that apply to it) are woven into it; {@code null}
     * for a cache that keeps nothing, which {@link #find} and {@link #store} take as such.
     */
    String keyOf(String internalName, byte[] classFile, List<HookPoint> points) {
        if (directory == null) {
            return null;
        }
        MessageDigest digest = sha256();
        digest.update(internalName.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        ClassFileDigest.update(digest, classFile);
        for (HookPoint point : points) {
            digest.update((byte) 0);
            digest.update(point.adviceClass().getBytes(StandardCharsets.UTF_8));
        }
        digest.update((byte) 0);
        digest.update(System.getProperty("java.specification.version", "").getBytes(StandardCharsets.UTF_8));
        byte[] hash = digest.digest();
        char[] hex = new char[hash.length * 2];
        for (int i = 0; i < hash.length; i++) {
            hex[2 * i] = HEX[(hash[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[hash[i] & 0xf];
        }
        return new String(hex);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * @return the woven class file, {@link #UNCHANGED} when the weaver left the class as it was, or {@code null} when
     *         the cache does not have the entry, or has one that is damaged (its digest does not match)
     */
    byte[] find(String key) {
        if (key == null) {
            return null;
        }
        try {
            byte[] entry = Files.readAllBytes(entry(key));
            if (entry.length < DIGEST_BYTES) {
                return null;
            }
            MessageDigest digest = sha256();
            digest.update(entry, DIGEST_BYTES, entry.length - DIGEST_BYTES);
            if (!MessageDigest.isEqual(digest.digest(), Arrays.copyOf(entry, DIGEST_BYTES))) {
                return null;
            }
            return entry.length == DIGEST_BYTES ? UNCHANGED : Arrays.copyOfRange(entry, DIGEST_BYTES, entry.length);
        } catch (IOException | RuntimeException e) {
            // Missing, or unreadable: either way the class is woven (and kept) again.
            return null;
        }
    }

    /**
     * Keeps which of the points of an entry's key went into its class, when not all did (the others were not for
     * that class): beside the entry, as the points' positions in the key's list.
     */
    void storeApplied(String key, List<HookPoint> applied, List<HookPoint> points) throws IOException {
        if (key == null) {
            return;
        }
        byte[] positions = new byte[applied.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = (byte) points.indexOf(applied.get(i));
        }
        store(key + APPLIED_SUFFIX, positions);
    }

    /** The points of an entry's key that went into its class: those {@link #storeApplied} kept, or all of them. */
    List<HookPoint> findApplied(String key, List<HookPoint> points) {
        byte[] positions = find(key + APPLIED_SUFFIX);
        if (positions == null || positions == UNCHANGED) {
            return points;
        }
        List<HookPoint> applied = new ArrayList<>(positions.length);
        for (byte position : positions) {
            if (position < 0 || position >= points.size()) {
                return points;
            }
            applied.add(points.get(position));
        }
        return applied;
    }

    /**
     * Writes an entry: the SHA-256 of its content, then the content (the woven class file, or nothing for a class the
     * weaver left as it was), forced to disk before it is renamed into place, so that a crash leaves no entry, never a
     * short one that would pass for another.
     *
     * @param woven the woven class file, or {@code null} when the weaver left the class as it was
     * @throws IOException the first time an entry cannot be written; from then on, nothing is written
     */
    void store(String key, byte[] woven) throws IOException {
        if (key == null || !writable) {
            return;
        }
        byte[] content = woven == null ? UNCHANGED : woven;
        Path partial = null;
        try {
            createDirectory();
            partial = Files.createTempFile(directory, "entry-", ".partial");
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                ByteBuffer entry = ByteBuffer.allocate(DIGEST_BYTES + content.length);
                entry.put(sha256().digest(content)).put(content).flip();
                while (entry.hasRemaining()) {
                    channel.write(entry);
                }
                channel.force(true);
            }
            Files.move(partial, entry(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            writable = false;
            throw e instanceof IOException ? (IOException) e : new IOException(e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private Path entry(String key) {
        return directory.resolve(key + ENTRY_SUFFIX);
    }

    private void createDirectory() throws IOException {
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // By an earlier run.
        }
    }

    private static void deleteQuietly(Path partial) {
        if (partial != null) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // A leftover .partial file is never read.
            }
        }
    }

    /** Whether an earlier run kept any class: then this one most likely needs no weaver at all. */
    boolean hasEntries() {
        if (directory == null || !Files.isDirectory(directory)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + ENTRY_SUFFIX)) {
            return entries.iterator().hasNext();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return directory == null ? "no woven-class cache" : directory.toString();
    }
}
