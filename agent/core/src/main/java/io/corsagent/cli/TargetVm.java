package io.corsagent.cli;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Properties;

import io.corsagent.runtime.AgentRuntime;

/** A JVM this command is attached to. Closing it detaches. */
final class TargetVm implements Closeable {

    private final AttachApi api;
    private final JvmProcess jvm;
    private final Object virtualMachine;

    TargetVm(AttachApi api, JvmProcess jvm, Object virtualMachine) {
        this.api = api;
        this.jvm = jvm;
        this.virtualMachine = virtualMachine;
    }

    JvmProcess jvm() {
        return jvm;
    }

    Properties systemProperties() throws CommandFailure {
        return properties(api.systemProperties);
    }

    /** The VM's own properties, among them {@code sun.jvm.args}: the options it was started with. */
    Properties agentProperties() throws CommandFailure {
        return properties(api.agentProperties);
    }

    private Properties properties(Method getter) throws CommandFailure {
        try {
            return (Properties) getter.invoke(virtualMachine);
        } catch (InvocationTargetException e) {
            throw new CommandFailure(ExitCode.ATTACH_IMPOSSIBLE, "cannot read the properties of process "
                    + jvm.pid() + ": " + e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Loads the agent. Returns normally when the target reports success, and also on the two errors that JDKs of
     * different versions report although the agent started (a lower JDK attaching to a higher one reads a
     * "Non-numeric value", a higher one attaching to a lower one an {@code AgentLoadException} "0"): the caller
     * verifies the target's published status in every case.
     */
    void loadAgent(String agentJar, String argument) throws CommandFailure {
        try {
            api.loadAgent.invoke(virtualMachine, agentJar, argument);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            String type = cause.getClass().getSimpleName();
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Non-numeric value found") || (type.equals("AgentLoadException") && message.equals("0"))) {
                return;
            }
            if (message.contains("Dynamic agent loading is not enabled")) {
                throw new CommandFailure(ExitCode.ATTACH_IMPOSSIBLE, "process " + jvm.pid() + " was started with"
                        + " -XX:-EnableDynamicAgentLoading, which forbids loading an agent into the running JVM."
                        + " Restart it with -javaagent:cors-agent.jar=policy.properties instead (or without that option)");
            }
            if (type.equals("AgentInitializationException")) {
                throw new CommandFailure(ExitCode.REFUSED, "the agent refused to start in process " + jvm.pid()
                        + "; nothing was changed there. " + failureReported());
            }
            if (type.equals("AgentLoadException")) {
                throw new CommandFailure(ExitCode.ATTACH_IMPOSSIBLE, "process " + jvm.pid() + " could not load "
                        + agentJar + " (" + message + "): the jar must be readable by the user the JVM runs as");
            }
            throw new CommandFailure(ExitCode.ATTACH_IMPOSSIBLE, "loading the agent into process " + jvm.pid()
                    + " failed: " + cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the agent published about its refusal, or where to look when it could not. */
    private String failureReported() {
        try {
            String reason = systemProperties().getProperty(AgentRuntime.ATTACH_FAILURE_PROPERTY);
            if (reason != null) {
                return "It said: " + reason;
            }
        } catch (CommandFailure e) {
            // Fall through to the pointer to the target's output.
        }
        return "Its reason is in the target's standard error.";
    }

    @Override
    public void close() {
        try {
            api.detach.invoke(virtualMachine);
        } catch (InvocationTargetException | IllegalAccessException e) {
            // Detaching only closes our side of the socket; the target is unaffected either way.
        }
    }
}
