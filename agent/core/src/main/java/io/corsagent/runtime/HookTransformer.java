package io.corsagent.runtime;

import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.corsagent.hooks.HookPoint;
import io.corsagent.log.AgentLog;

import org.tinylog.Logger;

/**
 * The agent's one class-file transformer: weaves the installed hook points into the classes they name, whether
 * loaded after the agent (premain) or retransformed (attach), or takes the woven class from the {@link
 * WovenClassCache} when an earlier run wove the same class. A class that loads while the weaver is still being set up
 * is {@link WeavingGuard guarded} and woven once it is ready ({@link DeferredWeaving}), so that the application's
 * thread never waits for Byte Buddy.
 *
 * <p>Every class the JVM defines passes through here; all but a handful leave at the name test of
 * {@link HookTargets}, without allocating. An instrumentation error is the agent's, never the app's: it is logged,
 * and the class loads unchanged.
 */
final class HookTransformer implements ClassFileTransformer {

    private final HookTargets targets;
    private final List<ClassLoader> adviceLoaders;
    private final WovenClassCache cache;
    private final DeferredWeaving deferred;
    /**
     * Runs a log statement once the agent's log is set up. At premain that happens beside the application's start: a
     * first log line from here must not freeze tinylog with its defaults, nor wait for the set-up.
     */
    private final Consumer<Runnable> log;
    /**
     * Set while this thread weaves: a class loaded meanwhile (by a class loader looking up a resource, say) loads
     * unchanged rather than re-entering the weaver.
     */
    private final ThreadLocal<Boolean> weaving = new ThreadLocal<>();

    /**
     * @param adviceLoaders the class loaders of the hooks, where the points' advice classes are found
     * @param cache         where classes woven by an earlier run are taken from, and this run's are kept
     * @param deferred      the classes loaded before the weaver was ready, to be woven once it is
     * @param log           runs a log statement once the agent's log is set up: {@link AgentLog#whenConfigured}
     */
    HookTransformer(HookTargets targets, List<ClassLoader> adviceLoaders, WovenClassCache cache,
                    DeferredWeaving deferred, Consumer<Runnable> log) {
        this.targets = targets;
        this.adviceLoaders = adviceLoaders;
        this.cache = cache;
        this.deferred = deferred;
        this.log = log;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (!targets.isCandidate(loader, className) || weaving.get() != null) {
            return null;
        }
        weaving.set(Boolean.TRUE);
        String name = className.replace('/', '.');
        try {
            List<HookPoint> points = targets.pointsApplyingTo(loader, className, classfileBuffer, classBeingRedefined);
            if (points.isEmpty()) {
                return null;
            }
            String key = cache.keyOf(className, classfileBuffer, points);
            byte[] cached = cache.find(key);
            if (cached == WovenClassCache.UNCHANGED) {
                return null;
            }
            if (cached != null) {
                log.accept(() -> Logger.debug("instrumented {} (woven at an earlier start, kept in {})", name, cache));
                return cached;
            }
            if (classBeingRedefined == null && !deferred.isWeaverReady()) {
                byte[] guarded = WeavingGuard.guard(classfileBuffer, methodNames(points));
                if (guarded != null && deferred.defer(loader, className)) {
                    log.accept(() -> Logger.debug("{} loaded before the weaver was ready: guarded until it is woven",
                            name));
                    return guarded;
                }
            }
            byte[] woven = Weaver.get().weave(loader, className, classfileBuffer, points, adviceLoaders);
            keep(key, woven);
            if (woven != null) {
                log.accept(() -> Logger.debug("instrumented {}", name));
            }
            return woven;
        } catch (Throwable e) {
            log.accept(() -> Logger.warn(e, "could not instrument {}; it runs without cors-agent", name));
            return null;
        } finally {
            weaving.remove();
        }
    }

    private static Set<String> methodNames(List<HookPoint> points) {
        Set<String> names = new HashSet<>();
        for (HookPoint point : points) {
            names.add(point.methodName());
        }
        return names;
    }

    private void keep(String key, byte[] woven) {
        try {
            cache.store(key, woven);
        } catch (IOException e) {
            log.accept(() -> Logger.warn("cannot keep woven classes in {} ({}): the agent weaves them again at every"
                    + " start", cache, e));
        }
    }
}
