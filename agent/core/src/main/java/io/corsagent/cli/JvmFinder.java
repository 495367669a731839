package io.corsagent.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the one JVM a command means: {@code <pid>}, or a substring of the main class or jar that matches exactly
 * one running JVM (a guess among several would attach to the wrong application).
 *
 * <p>A pid is checked in {@code /proc} where there is one: listing every JVM through the attach API reads each
 * one's performance data and costs the command some 150 ms (300 on a busy machine) of its attach time.
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
        Boolean runsJvm = ProcessFacts.runsJvm(pid);
        if (Boolean.FALSE.equals(runsJvm)) {
            throw new CommandFailure(ExitCode.NO_SUCH_PROCESS, "process " + pid + " is not a Java VM");
        }
        if (runsJvm == null) {
            // /proc cannot tell (another system, another user's process): the attach API's list can, for a JVM
            // that lists itself; one that does not (attach disabled, no performance data) is left to the attach.
            for (JvmProcess jvm : api.list()) {
                if (jvm.pid().equals(pid)) {
                    return jvm;
                }
            }
        }
        // Named after the attach, from the target's own properties: see JvmProcess.namedBy.
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
