package io.corsagent.log;

/**
 * The name of the application in the agent's JSON log lines ({@code app}), so that the logs of many JVMs can be told
 * apart in one stream and in {@code cors-agent report}: the policy's {@code log.app}, else the JVM's main class, or
 * its jar's file name for {@code java -jar}.
 */
public final class AppName {

    private AppName() {
    }

    /** @param configured the policy's {@code log.app}, or {@code null} */
    public static String of(String configured) {
        if (configured != null) {
            return configured;
        }
        String command = System.getProperty("sun.java.command", "").trim();
        if (command.isEmpty()) {
            return "unknown";
        }
        String main = command.split("\\s+")[0];
        if (main.endsWith(".jar")) {
            int slash = Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\'));
            return main.substring(slash + 1);
        }
        return main;
    }
}
