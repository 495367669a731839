package io.corsagent.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the one JVM a command means: {@code <pid>}, or a substring of the main class or jar that matches exactly
 * one running JVM (a guess among several would attach to the wrong application).
 */
final class JvmFinder {

    private final AttachApi api;

    JvmFinder(AttachApi api) {
        this.api = api;
    }

    JvmProcess find(String selector) throws CommandFailure {
        return isPid(selector) ? byPid(selector) : byName(selector);
    }

    private static boolean isPid(String selector) {
        for (int i = 0; i < selector.length(); i++) {
            if (!Character.isDigit(selector.charAt(i))) {
                return false;
            }
        }
        return !selector.isEmpty();
    }

    private JvmProcess byPid(String pid) throws CommandFailure {
        if (pid.equals(JvmProcess.ownPid())) {
            throw new CommandFailure(ExitCode.NO_SUCH_PROCESS, "process " + pid + " is this command's own JVM");
        }
        if (Boolean.FALSE.equals(ProcessFacts.exists(pid))) {
            throw new CommandFailure(ExitCode.NO_SUCH_PROCESS, "no process with pid " + pid
                    + "; 'java -jar cors-agent.jar list' shows the JVMs you can attach to");
        }
        for (JvmProcess jvm : api.list()) {
            if (jvm.pid().equals(pid)) {
                return jvm;
            }
        }
        // Not listed: not a JVM, or a JVM the attach API does not list (attach disabled, another user's, no
        // performance data). Say which when /proc can tell; otherwise let the attach itself report.
        if (Boolean.FALSE.equals(ProcessFacts.runsJvm(pid))) {
            throw new CommandFailure(ExitCode.NO_SUCH_PROCESS, "process " + pid + " is not a Java VM");
        }
        return new JvmProcess(pid, null);
    }

    private JvmProcess byName(String name) throws CommandFailure {
        List<JvmProcess> all = api.list();
        List<JvmProcess> matching = new ArrayList<>();
        for (JvmProcess jvm : all) {
            if (jvm.mainOrJar().contains(name)) {
                matching.add(jvm);
            }
        }
        if (matching.size() == 1) {
            return matching.get(0);
        }
        if (matching.isEmpty()) {
            throw new CommandFailure(ExitCode.NO_SUCH_PROCESS, "no running JVM has '" + name
                    + "' in its main class or jar." + candidates(" Running JVMs:", all));
        }
        throw new CommandFailure(ExitCode.NO_SUCH_PROCESS, "'" + name + "' matches " + matching.size()
                + " JVMs; give the pid of the one you mean:" + candidates("", matching));
    }

    private static String candidates(String heading, List<JvmProcess> jvms) {
        if (jvms.isEmpty()) {
            return " (the attach API sees no other JVM of this user)";
        }
        StringBuilder text = new StringBuilder(heading);
        for (JvmProcess jvm : jvms) {
            text.append(System.lineSeparator()).append("  ").append(jvm.pid()).append("  ").append(jvm.mainOrJar());
        }
        return text.toString();
    }
}
