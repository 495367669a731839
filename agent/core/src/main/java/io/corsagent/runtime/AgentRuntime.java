package io.corsagent.runtime;

import java.lang.instrument.Instrumentation;
import java.util.List;

import io.corsagent.log.AgentLog;

import org.tinylog.Logger;

/** The agent's life in the target JVM: started by {@code -javaagent} (premain) or by attach (agentmain). */
public final class AgentRuntime {

    private static List<String> hooks;

    private AgentRuntime() {
    }

    public static synchronized void premain(String argument, Instrumentation instrumentation) {
        AgentArguments arguments;
        try {
            arguments = AgentArguments.parse(argument);
        } catch (IllegalArgumentException e) {
            System.err.println("cors-agent: inactive: " + e.getMessage());
            return;
        }
        AgentLog.configure(null, AgentLog.Format.TEXT);
        hooks = HookInstaller.install(instrumentation, arguments.hooks());
        Logger.info("hooks installed: {}", hooks);
    }

    public static void agentmain(String argument, Instrumentation instrumentation) {
        premain(argument, instrumentation);
    }
}
