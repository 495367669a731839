package io.corsagent.cli;

import java.lang.management.ManagementFactory;

/** A running JVM as the attach API lists it: its pid and its command line's first word. */
final class JvmProcess {

    private final String pid;
    private final String displayName;

    JvmProcess(String pid, String displayName) {
        this.pid = pid;
        this.displayName = displayName == null ? "" : displayName.trim();
    }

    String pid() {
        return pid;
    }

    /**
     * The main class or jar: the first word of the command line. The rest is the application's arguments, which may
     * hold secrets, so the CLI never shows it.
     */
    String mainOrJar() {
        if (displayName.isEmpty() || displayName.equals(pid)) {
            return "(unknown main class)";
        }
        int space = displayName.indexOf(' ');
        return space < 0 ? displayName : displayName.substring(0, space);
    }

    /** {@code process 123 (org.example.Main)}, or {@code process 123} when the main class is unknown. */
    String describe() {
        String main = mainOrJar();
        return "process " + pid + (main.startsWith("(") ? "" : " (" + main + ")");
    }

    /** The pid of the JVM running this command. */
    static String ownPid() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }
}
