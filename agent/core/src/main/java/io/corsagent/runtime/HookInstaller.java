package io.corsagent.runtime;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;

import io.corsagent.hooks.ContainerHook;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.utility.JavaModule;

import org.tinylog.Logger;

/**
 * Installs every {@link ContainerHook} found on the agent's class path, as Advice only, so the same hooks apply
 * to classes loaded later (premain) and to classes already loaded (retransformation, after attach).
 */
final class HookInstaller {

    /** Classes retransformed per batch after an attach, so a busy server never pauses for long. */
    private static final int RETRANSFORM_BATCH = 50;

    private HookInstaller() {
    }

    /**
     * @param retransformLoaded whether classes already loaded are instrumented too: after an attach they are; at
     *                          premain no container class is loaded yet, and matching the JDK's few hundred
     *                          loaded classes would only delay the application's start
     * @return the names of the hooks installed
     */
    static List<String> install(Instrumentation instrumentation, AgentArguments.Hooks selection,
                                boolean retransformLoaded) {
        // The agent never uses Byte Buddy's Nexus (no class-format changes), but AgentBuilder.Default builds it
        // eagerly, and it reaches for sun.misc.Unsafe, which Java 24+ warns about on the application's stderr.
        if (System.getProperty(Nexus.PROPERTY) == null) {
            System.setProperty(Nexus.PROPERTY, "true");
        }
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new FailureListener())
                // The agent's own classes: its class loader's, the bridge and the launcher. Not by the io.corsagent
                // prefix alone: the test apps and the demo app live under it and must be instrumented like any app.
                // Names and class loaders only: a matcher on anything else (Byte Buddy's default isSynthetic())
                // makes Byte Buddy parse the class file of every class the JVM loads.
                .ignore(any(), is(HookInstaller.class.getClassLoader()))
                .or(nameStartsWith("io.corsagent.bridge.")
                        .or(nameStartsWith("io.corsagent.launcher."))
                        .or(nameStartsWith("java."))
                        .or(nameStartsWith("jdk."))
                        .or(nameStartsWith("sun."))
                        .or(nameStartsWith("com.sun.")));
        if (retransformLoaded) {
            builder = builder.with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                    .with(AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(RETRANSFORM_BATCH))
                    .with(AgentBuilder.RedefinitionStrategy.Listener.Yielding.INSTANCE);
        }
        List<String> installed = new ArrayList<>();
        for (ContainerHook hook : ServiceLoader.load(ContainerHook.class, HookInstaller.class.getClassLoader())) {
            if (selection == AgentArguments.Hooks.ALL || !hook.isContainerEntry()) {
                builder = hook.instrument(builder);
                installed.add(hook.name());
            }
        }
        builder.installOn(instrumentation);
        return Collections.unmodifiableList(installed);
    }

    /** Instrumentation errors are the agent's, never the app's: logged, and the class loads unchanged. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            Logger.warn(throwable, "could not instrument {}; it runs without cors-agent", typeName);
        }

        @Override
        public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                                     boolean loaded, DynamicType dynamicType) {
            Logger.debug("instrumented {}", typeDescription.getName());
        }
    }
}
