package io.corsagent.cli;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.util.Properties;

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

    /**
     * This process, named by the target's own {@code sun.java.command} (what the attach API lists as its display
     * name) when it was found by pid without the attach API's list.
     */
    JvmProcess namedBy(Properties systemProperties) {
        return displayName.isEmpty() ? new JvmProcess(pid, systemProperties.getProperty("sun.java.command")) : this;
    }

    /**
     * The pid of the JVM running this command: {@code ProcessHandle} on Java 9+ (by reflection: the agent compiles
     * for Java 8); the management API only on Java 8, as it loads some 60 classes that the command would wait for.
     */
    static String ownPid() {
        try {
            Class<?> processHandle = Class.forName("java.lang.ProcessHandle");
            Object current = processHandle.getMethod("current").invoke(null);
            return String.valueOf(processHandle.getMethod("pid").invoke(current));
        } catch (ClassNotFoundException e) {
            // Java 8.
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
        String name = ManagementFactory.getRuntimeMXBean().getName();
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }
}
