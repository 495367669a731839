package io.corsagent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * What {@code /proc} says about a process, on Linux, so that the CLI can tell "no such process", "not a JVM" and
 * "another user's JVM" apart before it attaches (an attach to a process that is not a JVM waits ten seconds for an
 * answer that never comes). Where there is no {@code /proc}, every answer is "unknown" and the attach itself
 * reports the problem.
 */
final class ProcessFacts {

    private static final Path PROC = Paths.get("/proc");

    private ProcessFacts() {
    }

    /** @return whether the process exists, or {@code null} when this system cannot tell */
    static Boolean exists(String pid) {
        return hasProc() ? Files.isDirectory(PROC.resolve(pid)) : null;
    }

    /**
     * @return whether the process has a HotSpot (or OpenJ9) JVM loaded, or {@code null} when this system or the
     *         process's permissions cannot tell
     */
    static Boolean runsJvm(String pid) {
        if (!hasProc()) {
            return null;
        }
        try (BufferedReader maps = Files.newBufferedReader(PROC.resolve(pid).resolve("maps"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = maps.readLine()) != null) {
                if (line.contains("/libjvm.") || line.contains("/libj9vm")) {
                    return true;
                }
            }
            return false;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /**
     * Where a HotSpot JVM opens its attach socket, {@code /tmp/.java_pid<pid>} as the JVM sees it (in a container:
     * its own pid and {@code /tmp}), reached through the process's root directory, so that it is the same file from
     * any mount namespace.
     *
     * @return the socket's path, or {@code null} when this system or the process's permissions cannot tell
     */
    static Path attachSocket(String pid) {
        if (!hasProc()) {
            return null;
        }
        Path process = PROC.resolve(pid);
        Path tmp = process.resolve("root").resolve("tmp");
        String namespacePid = pid;
        try (BufferedReader status = Files.newBufferedReader(process.resolve("status"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = status.readLine()) != null) {
                if (line.startsWith("NSpid:")) {
                    // The pids of the process in each nested pid namespace, the innermost last.
                    String[] pids = line.substring("NSpid:".length()).trim().split("\\s+");
                    namespacePid = pids[pids.length - 1];
                }
            }
            return Files.isDirectory(tmp) ? tmp.resolve(".java_pid" + namespacePid) : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** @return the owner of the process, or {@code null} when unknown */
    static Owner owner(String pid) {
        if (!hasProc()) {
            return null;
        }
        try {
            Path process = PROC.resolve(pid);
            return new Owner((Integer) Files.getAttribute(process, "unix:uid"), Files.getOwner(process).getName(),
                    ownUid());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    static boolean currentUserIsRoot() {
        try {
            return hasProc() && ownUid() == 0;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static int ownUid() throws IOException {
        return (Integer) Files.getAttribute(PROC.resolve("self"), "unix:uid");
    }

    private static boolean hasProc() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /** The user a process runs as. */
    static final class Owner {
        private final int uid;
        private final String name;
        private final int currentUid;

        Owner(int uid, String name, int currentUid) {
            this.uid = uid;
            this.name = name;
            this.currentUid = currentUid;
        }

        String name() {
            return name;
        }

        boolean isCurrentUser() {
            return uid == currentUid;
        }
    }
}
