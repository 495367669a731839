package io.corsagent.cli;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDK's attach API ({@code com.sun.tools.attach}), reached by reflection: the agent is compiled for Java 8,
 * where the API lives in {@code tools.jar} and {@code --release 8} hides it. On Java 9+ the {@code jdk.attach}
 * module provides it; on Java 8, the JDK's {@code lib/tools.jar}.
 *
 * <p>Attach failures are translated here, once, into what the user can do about them.
 */
final class AttachApi {

    private static final String VIRTUAL_MACHINE = "com.sun.tools.attach.VirtualMachine";

    private final Method list;
    private final Method attach;
    private final Method id;
    private final Method displayName;
    final Method systemProperties;
    final Method agentProperties;
    final Method loadAgent;
    final Method detach;

    private AttachApi(Class<?> virtualMachine) throws ReflectiveOperationException {
        Class<?> descriptor = Class.forName("com.sun.tools.attach.VirtualMachineDescriptor", false,
                virtualMachine.getClassLoader());
        list = virtualMachine.getMethod("list");
        attach = virtualMachine.getMethod("attach", String.class);
        systemProperties = virtualMachine.getMethod("getSystemProperties");
        agentProperties = virtualMachine.getMethod("getAgentProperties");
        loadAgent = virtualMachine.getMethod("loadAgent", String.class, String.class);
        detach = virtualMachine.getMethod("detach");
        id = descriptor.getMethod("id");
        displayName = descriptor.getMethod("displayName");
    }

    /** @throws CommandFailure when this Java runtime has no attach API (a JRE, or a jlink image without it) */
    static AttachApi load() throws CommandFailure {
        try {
            return new AttachApi(virtualMachineClass());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new CommandFailure(ExitCode.ATTACH_IMPOSSIBLE, "this Java runtime (" + System.getProperty("java.home")
                    + ") has no attach API: run the command with a JDK's java (the jdk.attach module, or tools.jar"
                    + " on Java 8)");
        }
    }

    private static Class<?> virtualMachineClass() throws ClassNotFoundException {
        try {
            return Class.forName(VIRTUAL_MACHINE, true, AttachApi.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            File toolsJar = new File(System.getProperty("java.home"), "../lib/tools.jar");
            if (!toolsJar.isFile()) {
                throw e;
            }
            try {
                @SuppressWarnings("resource") // lives as long as the command
                URLClassLoader tools = new URLClassLoader(new URL[] {toolsJar.toURI().toURL()},
                        AttachApi.class.getClassLoader());
                return Class.forName(VIRTUAL_MACHINE, true, tools);
            } catch (IOException ioe) {
                throw e;
            }
        }
    }

    /** The JVMs the attach API sees (those of this user, or all for root), without the command's own. */
    List<JvmProcess> list() {
        List<JvmProcess> jvms = new ArrayList<>();
        String self = JvmProcess.ownPid();
        for (Object descriptor : (List<?>) invoke(list, null)) {
            String pid = (String) invoke(id, descriptor);
            if (!pid.equals(self)) {
                jvms.add(new JvmProcess(pid, (String) invoke(displayName, descriptor)));
            }
        }
        return jvms;
    }

    /** Attaches to the JVM; the caller closes the result, which detaches. */
    TargetVm attach(JvmProcess jvm) throws CommandFailure {
        ProcessFacts.Owner owner = ProcessFacts.owner(jvm.pid());
        if (owner != null && !owner.isCurrentUser() && !ProcessFacts.currentUserIsRoot()) {
            throw new CommandFailure(ExitCode.ATTACH_IMPOSSIBLE, "process " + jvm.pid() + " belongs to user '"
                    + owner.name() + "', and this command runs as '" + System.getProperty("user.name")
                    + "': a JVM accepts attach only from its own user (or root). Run the command as that user, e.g. "
                    + "sudo -u " + owner.name() + " java -jar cors-agent.jar ...");
        }
        try {
            return new TargetVm(this, jvm, attach.invoke(null, jvm.pid()));
        } catch (InvocationTargetException e) {
            throw attachFailure(jvm, e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CommandFailure attachFailure(JvmProcess jvm, Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof IOException && message.contains("No such process")) {
            return new CommandFailure(ExitCode.NO_SUCH_PROCESS, "no process with pid " + jvm.pid()
                    + " (it may just have exited)");
        }
        if (message.contains("does not support the attach mechanism")) {
            return new CommandFailure(ExitCode.ATTACH_IMPOSSIBLE, jvm.describe() + " does not accept attach: it was started with -XX:+DisableAttachMechanism. Restart it without"
                    + " that option, or load the agent at start with -javaagent:cors-agent.jar=policy.properties");
        }
        return new CommandFailure(ExitCode.ATTACH_IMPOSSIBLE, "cannot attach to " + jvm.describe() + ": " + cause + ". A JVM that does not answer is often another user's, runs in"
                + " another container, or had its /tmp cleaned since it started");
    }

    /** Calls an attach API method that declares no checked exception of its own. */
    static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
