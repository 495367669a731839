package io.corsagent.runtime;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;

import io.corsagent.log.AgentLog;

import org.tinylog.Logger;

/**
 * The agent's one class-file transformer: weaves the installed hook points into the classes they name, whether
 * loaded after the agent (premain) or retransformed (attach).
 *
 * <p>Every class the JVM defines passes through here; all but a handful leave at the name test of
 * {@link HookTargets}, without allocating. An instrumentation error is the agent's, never the app's: it is logged,
 * and the class loads unchanged.
 */
final class HookTransformer implements ClassFileTransformer {

    private final HookTargets targets;
    private final List<ClassLoader> adviceLoaders;
    /**
     * Returns once the agent's log is set up. At premain that happens beside the application's start, and a first
     * log line from here must not freeze tinylog with its defaults first.
     */
    private final Runnable awaitLog;
    /**
     * Set while this thread weaves: a class loaded meanwhile (by a class loader looking up a resource, say) loads
     * unchanged rather than re-entering the weaver.
     */
    private final ThreadLocal<Boolean> weaving = new ThreadLocal<>();

    /**
     * @param adviceLoaders the class loaders of the hooks, where the points' advice classes are found
     * @param awaitLog      returns once the agent's log is set up: {@link AgentLog#awaitConfigured}
     */
    HookTransformer(HookTargets targets, List<ClassLoader> adviceLoaders, Runnable awaitLog) {
        this.targets = targets;
        this.adviceLoaders = adviceLoaders;
        this.awaitLog = awaitLog;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (!targets.isCandidate(loader, className) || weaving.get() != null) {
            return null;
        }
        weaving.set(Boolean.TRUE);
        try {
            awaitLog.run();
            byte[] woven = Weaver.get().weave(loader, className, classfileBuffer,
                    targets.pointsNamedLike(className), adviceLoaders);
            if (woven != null) {
                Logger.debug("instrumented {}", className.replace('/', '.'));
            }
            return woven;
        } catch (Throwable e) {
            Logger.warn(e, "could not instrument {}; it runs without cors-agent", className.replace('/', '.'));
            return null;
        } finally {
            weaving.remove();
        }
    }
}
