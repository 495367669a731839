package io.corsagent.runtime;

import java.lang.instrument.Instrumentation;

import io.corsagent.log.AgentLog;

import org.tinylog.Logger;

/** The agent's life in the target JVM: started by {@code -javaagent} (premain) or by attach (agentmain). */
public final class AgentRuntime {

    private AgentRuntime() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        AgentLog.configure(null, AgentLog.Format.TEXT);
        Logger.info("started with arguments {}", arguments);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        premain(arguments, instrumentation);
    }
}
