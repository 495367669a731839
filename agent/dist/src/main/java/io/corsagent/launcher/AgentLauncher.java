package io.corsagent.launcher;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * The entry point of cors-agent.jar for {@code -javaagent}, for attach, and for the command line.
 *
 * <p>It does as little as possible in the application's class loader: it puts this jar (which holds only this
 * class and the bridge at top level) on the bootstrap class path, and loads the real agent from the nested
 * {@code META-INF/cors-agent/agent-bundle.jar} in a class loader of its own, whose parent is the platform class
 * loader. The application therefore never sees the agent's classes, its Byte Buddy or its tinylog.
 */
public final class AgentLauncher {

    private static final String CORE_JAR = "META-INF/cors-agent/agent-bundle.jar";
    private static final String RUNTIME = "io.corsagent.runtime.AgentRuntime";
    private static final String CLI = "io.corsagent.cli.Cli";

    /** The agent's class loader; one per JVM, so a second attach reconfigures instead of loading twice. */
    private static ClassLoader agentLoader;

    private AgentLauncher() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        start("premain", arguments, instrumentation);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start("agentmain", arguments, instrumentation);
    }

    public static void main(String[] arguments) {
        int exitCode;
        try {
            File jar = agentJar();
            // The attach command loads this very jar into the target.
            System.setProperty("cors-agent.cli.jar", jar.getAbsolutePath());
            ClassLoader loader = newAgentLoader(jar, true);
            Method run = loader.loadClass(CLI).getMethod("run", String[].class);
            exitCode = (Integer) run.invoke(null, (Object) arguments);
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace();
            exitCode = 70;
        } catch (Exception e) {
            System.err.println("cors-agent: cannot start: " + e);
            exitCode = 70;
        }
        System.exit(exitCode);
    }

    /**
     * Hands over to the runtime. Failures of the agent's own set-up are printed and swallowed in premain, so the
     * application starts without the agent; in agentmain they are thrown, so that the attach command fails.
     */
    private static synchronized void start(String entry, String arguments, Instrumentation instrumentation) {
        try {
            if (agentLoader == null) {
                File jar = agentJar();
                // Before the jar joins the bootstrap class path: from then on, this package's other classes would
                // load there, in another runtime package than this class.
                agentLoader = newAgentLoader(jar, false);
                instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
            }
            Method method = agentLoader.loadClass(RUNTIME).getMethod(entry, String.class, Instrumentation.class);
            method.invoke(null, arguments, instrumentation);
        } catch (InvocationTargetException e) {
            fail(entry, e.getCause());
        } catch (Exception | LinkageError e) {
            fail(entry, e);
        }
    }

    private static void fail(String entry, Throwable cause) {
        if ("agentmain".equals(entry)) {
            throw new IllegalStateException("cors-agent: " + cause.getMessage(), cause);
        }
        System.err.println("cors-agent: not started, the application runs without it: " + cause);
    }

    private static File agentJar() throws URISyntaxException {
        URL location = AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation();
        return new File(location.toURI());
    }

    /**
     * @param withBridge the command line has no bootstrap class path entry, so its loader reads the bridge
     *                   from this jar as well
     */
    private static ClassLoader newAgentLoader(File agentJar, boolean withBridge) throws IOException {
        Path core;
        try (JarFile jar = new JarFile(agentJar)) {
            core = BundleCache.extract(jar, CORE_JAR);
        }
        URL[] urls = withBridge
                ? new URL[] {core.toUri().toURL(), agentJar.toURI().toURL()}
                : new URL[] {core.toUri().toURL()};
        return new URLClassLoader(urls, platformLoader());
    }

    /** The platform class loader on Java 9+, the extension class loader on Java 8: the JDK, nothing of the app. */
    private static ClassLoader platformLoader() {
        return ClassLoader.getSystemClassLoader().getParent();
    }
}
