package io.corsagent.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Where the agent's nested bundle is extracted to, so that a URL class loader can read it.
 *
 * <p>Every JVM started from the same cors-agent.jar shares one extracted copy, named by the entry's CRC and size, in
 * a directory only the current user can use. A fresh temporary file per start would be left behind, 5 MB each time,
 * by every JVM that is killed rather than stopped. The directory must be private: a copy another local user could
 * write would run as code inside the application. Where that cannot be ensured (no POSIX file system, a directory
 * that is not ours), the bundle goes to a temporary file of its own, deleted when the JVM exits.
 */
final class BundleCache {

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private BundleCache() {
    }

    static Path extract(JarFile agentJar, String entryName) throws IOException {
        JarEntry entry = agentJar.getJarEntry(entryName);
        if (entry == null) {
            throw new IOException(entryName + " is missing from " + agentJar.getName());
        }
        Path directory = privateDirectory();
        if (directory == null) {
            Path file = Files.createTempFile("cors-agent-bundle-", ".jar");
            file.toFile().deleteOnExit();
            copy(agentJar, entry, file);
            return file;
        }
        Path cached = directory.resolve(
                "agent-bundle-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize() + ".jar");
        if (Files.isRegularFile(cached, LinkOption.NOFOLLOW_LINKS) && Files.size(cached) == entry.getSize()) {
            return cached;
        }
        // Written aside and renamed, so that a JVM starting at the same moment never reads half a bundle.
        Path partial = Files.createTempFile(directory, "agent-bundle-", ".partial");
        try {
            copy(agentJar, entry, partial);
            Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return cached;
    }

    private static void copy(JarFile agentJar, JarEntry entry, Path target) throws IOException {
        try (InputStream in = agentJar.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** @return the current user's private directory for the bundle, or {@code null} when it cannot be ensured */
    private static Path privateDirectory() {
        try {
            String user = System.getProperty("user.name");
            Path directory = Paths.get(System.getProperty("java.io.tmpdir"), "cors-agent-" + user);
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException created) {
                // By an earlier start, or by someone else: the checks below tell which.
            }
            UserPrincipal me = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
            PosixFileAttributes attributes = Files.readAttributes(
                    directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            boolean ours = attributes.isDirectory() && attributes.owner().equals(me)
                    && attributes.permissions().equals(OWNER_ONLY);
            return ours ? directory : null;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}
