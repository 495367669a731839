package io.corsagent.runtime;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;

import io.corsagent.hooks.HookPoint;
import io.corsagent.log.AgentLog;

import org.tinylog.Logger;

/**
 * The agent's one class-file transformer: weaves the installed hook points into the classes they name, whether
 * loaded after the agent (premain) or retransformed (attach), or takes the woven class from the {@link
 * WovenClassCache} when an earlier run wove the same class.
 *
 * <p>Every class the JVM defines passes through here; all but a handful leave at the name test of
 * {@link HookTargets}, without allocating. An instrumentation error is the agent's, never the app's: it is logged,
 * and the class loads unchanged.
 */
final class HookTransformer implements ClassFileTransformer {

    private final HookTargets targets;
    private final List<ClassLoader> adviceLoaders;
    private final WovenClassCache cache;
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
     * @param cache         where classes woven by an earlier run are taken from, and this run's are kept
     * @param awaitLog      returns once the agent's log is set up: {@link AgentLog#awaitConfigured}
     */
    HookTransformer(HookTargets targets, List<ClassLoader> adviceLoaders, WovenClassCache cache, Runnable awaitLog) {
        this.targets = targets;
        this.adviceLoaders = adviceLoaders;
        this.cache = cache;
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
            List<HookPoint> points = targets.pointsApplyingTo(loader, className, classfileBuffer);
            if (points.isEmpty()) {
                return null;
            }
            String key = WovenClassCache.key(className, classfileBuffer, points);
            byte[] cached = cache.find(key);
            if (cached != null) {
                return logged(className, cached == WovenClassCache.UNCHANGED ? null : cached, cache);
            }
            byte[] woven = Weaver.get().weave(loader, className, classfileBuffer, points, adviceLoaders);
            cache.store(key, woven);
            return logged(className, woven, null);
        } catch (Throwable e) {
            Logger.warn(e, "could not instrument {}; it runs without cors-agent", className.replace('/', '.'));
            return null;
        } finally {
            weaving.remove();
        }
    }

    /** @param cachedIn the cache the woven class came from, or {@code null} when it was woven now */
    private static byte[] logged(String className, byte[] woven, WovenClassCache cachedIn) {
        if (woven != null && cachedIn == null) {
            Logger.debug("instrumented {}", className.replace('/', '.'));
        } else if (woven != null) {
            Logger.debug("instrumented {} (woven at an earlier start, kept in {})", className.replace('/', '.'),
                    cachedIn);
        }
        return woven;
    }
}
