package io.corsagent.runtime;

import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    private final HookLedger ledger;
    private final List<ClassLoader> adviceLoaders;
    private final WovenClassCache cache;
    private final DeferredWeaving deferred;
    private final BridgeVisibility bridge = new BridgeVisibility();
    /** Restores the classes of a hook switched off; {@code null} in tests that never switch one off. */
    private final Instrumentation instrumentation;
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
     * @param ledger        the hooks the points belong to, where what is woven and what is refused is recorded
     * @param adviceLoaders the class loaders of the hooks, where the points' advice classes are found
     * @param cache         where classes woven by an earlier run are taken from, and this run's are kept
     * @param deferred      the classes loaded before the weaver was ready, to be woven once it is
     * @param log           runs a log statement once the agent's log is set up: {@link AgentLog#whenConfigured}
     */
    HookTransformer(HookTargets targets, HookLedger ledger, List<ClassLoader> adviceLoaders, WovenClassCache cache,
                    DeferredWeaving deferred, Instrumentation instrumentation, Consumer<Runnable> log) {
        this.targets = targets;
        this.ledger = ledger;
        this.adviceLoaders = adviceLoaders;
        this.cache = cache;
        this.deferred = deferred;
        this.instrumentation = instrumentation;
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
        List<HookPoint> points = Collections.emptyList();
        try {
            points = ledger.inEffect(
                    targets.pointsApplyingTo(loader, className, classfileBuffer, classBeingRedefined));
            if (points.isEmpty() || !bridgeReachable(loader, name, points)) {
                return null;
            }
            String key = cache.keyOf(className, classfileBuffer, points);
            byte[] cached = cache.find(key);
            if (cached == WovenClassCache.UNCHANGED) {
                return null;
            }
            if (cached != null) {
                List<HookPoint> applied = cache.findApplied(key, points);
                List<HookPoint> leftOut = new ArrayList<>(points);
                leftOut.removeAll(applied);
                if (ledger.lacking(leftOut, name, lackReason(name, protectionDomain, leftOut)).isEmpty()
                        && ledger.lackingElsewhere(applied, name).isEmpty()) {
                    ledger.woven(loader, name, applied);
                    log.accept(() -> Logger.debug("instrumented {} (woven at an earlier start, kept in {})", name,
                            cache));
                    return cached;
                }
            }
            if (classBeingRedefined == null && !deferred.isWeaverReady()) {
                byte[] guarded = WeavingGuard.guard(classfileBuffer, methodNames(points));
                if (guarded != null && deferred.defer(loader, className)) {
                    log.accept(() -> Logger.debug("{} loaded before the weaver was ready: guarded until it is woven",
                            name));
                    return guarded;
                }
            }
            Weaver.Woven woven = Weaver.get().weave(loader, className, classfileBuffer, points, adviceLoaders);
            boolean whole = woven.missing.isEmpty() && ledger.lackingElsewhere(points, name).isEmpty();
            if (!whole) {
                whole = switchOffHalfHooks(woven, name, protectionDomain);
                woven = Weaver.get().weave(loader, className, classfileBuffer, ledger.inEffect(woven.applied),
                        adviceLoaders);
            }
            if (whole) {
                // A class some points were left out of (they are not for it) is kept with the points that went in.
                keep(key, woven.classFile, woven.applied.size() == points.size() ? null : woven.applied, points);
            }
            if (woven.classFile != null) {
                ledger.woven(loader, name, woven.applied);
                log.accept(() -> Logger.debug("instrumented {}", name));
            }
            return woven.classFile;
        } catch (Throwable e) {
            if (points.isEmpty()) {
                log.accept(() -> Logger.warn(e, "could not instrument {}; it runs without cors-agent", name));
            } else {
                refuse(points, name, protectionDomain, String.valueOf(e.getMessage()));
            }
            return null;
        } finally {
            weaving.remove();
        }
    }

    /**
     * Switches off the hooks that would be woven by half into a class where not every point naming it declares its
     * method, or whose hooks another class lacked. A hook none of whose methods this class declares, and that is woven
     * nowhere, is not for this class (Jetty 12's hook and Jetty 9's {@code Server}, Tomcat's hook and GlassFish's
     * classes of the same names): its points are left out, silently, and the lack noted. A hook that this class
     * declares only part of, that is woven into another class while this one lacks it, or that another class lacked
     * while this one declares it, is a release the hook was not built for: it is switched off.
     *
     * @return whether no hook had to be switched off: the points left out were only not for this class
     */
    private boolean switchOffHalfHooks(Weaver.Woven woven, String name, ProtectionDomain domain) {
        Map<String, String> half = new LinkedHashMap<>();
        if (!woven.missing.isEmpty()) {
            String reason = lackReason(name, domain, woven.missing);
            List<String> declared = ledger.hooksOf(woven.applied);
            for (String hook : ledger.lacking(woven.missing, name, reason)) {
                half.put(hook, reason);
            }
            for (String hook : ledger.hooksOf(woven.missing)) {
                if (declared.contains(hook)) {
                    half.put(hook, reason);
                }
            }
        }
        half.putAll(ledger.lackingElsewhere(woven.applied, name));
        for (Map.Entry<String, String> hook : half.entrySet()) {
            switchOff(hook.getKey(), hook.getValue());
        }
        return half.isEmpty();
    }

    private static String lackReason(String name, ProtectionDomain domain, List<HookPoint> missing) {
        return name + " (" + ContainerVersion.of(domain) + "): it has no method " + methodsOf(missing)
                + " of the signature the hook was built for";
    }

    /**
     * Whether the class's loader sees the bridge its advice calls. When it does not, the class is left as it is and
     * the loader named once, with the fix: advice that cannot link would fail on every request, silently.
     */
    private boolean bridgeReachable(ClassLoader loader, String name, List<HookPoint> points) {
        boolean callsBridge = false;
        for (HookPoint point : points) {
            callsBridge |= ledger.callsBridge(point);
        }
        if (!callsBridge || bridge.reaches(loader)) {
            return true;
        }
        if (ledger.hidesBridge(loader, name)) {
            log.accept(() -> Logger.error("cannot guard {}: its class loader ({}) does not see the agent's bridge"
                            + " (io.corsagent.bridge, on the bootstrap class path), so hooks {} are not woven into its"
                            + " classes and requests it serves pass unchecked. Fix: {}; then restart.", name, loader,
                    ledger.hooksOf(points), LoaderBridging.manualFix(loader)));
        }
        return false;
    }

    /**
     * A class the hooks name cannot be woven whole (a container release they were not built for): the class stays as
     * it is, and each hook concerned is switched off and taken out of the classes it was woven into, so that no
     * container ever runs half a hook. Said once per hook, as an error: what it guarded is no longer guarded by it.
     */
    private void refuse(List<HookPoint> points, String name, ProtectionDomain domain, String why) {
        String reason = name + " (" + ContainerVersion.of(domain) + "): " + why;
        for (String hook : ledger.hooksOf(points)) {
            switchOff(hook, reason);
        }
    }

    private void switchOff(String hook, String reason) {
        if (ledger.switchOff(hook, reason)) {
            log.accept(() -> Logger.error("hook {} switched off: it cannot be woven into {}. This container release is"
                    + " not one the hook supports; no class keeps any of its advice. Report it with the version"
                    + " above.", hook, reason));
        }
    }

    /**
     * Takes a switched-off hook's advice out of the classes it was woven into, on a thread of its own: a transformer
     * may not retransform, and the class loading must go on.
     */
    void restoreLater(List<HookLedger.WovenClass> classes) {
        if (classes.isEmpty() || instrumentation == null) {
            return;
        }
        Thread restore = new Thread(() -> {
            for (HookLedger.WovenClass woven : classes) {
                Class<?> type = woven.resolve();
                try {
                    if (type != null) {
                        instrumentation.retransformClasses(type);
                    }
                } catch (Throwable e) {
                    log.accept(() -> Logger.error(e, "could not take the advice of a switched-off hook out of {}",
                            woven.name));
                }
            }
        }, "cors-agent-restore");
        restore.setDaemon(true);
        restore.start();
    }

    private static String methodsOf(List<HookPoint> points) {
        Set<String> names = new LinkedHashSet<>();
        for (HookPoint point : points) {
            names.add(point.methodName());
        }
        return String.join(", ", names);
    }

    private static Set<String> methodNames(List<HookPoint> points) {
        Set<String> names = new HashSet<>();
        for (HookPoint point : points) {
            names.add(point.methodName());
        }
        return names;
    }

    /**
     * @param applied the points that went in when some of {@code points} were left out, or {@code null} for all
     */
    private void keep(String key, byte[] woven, List<HookPoint> applied, List<HookPoint> points) {
        try {
            cache.store(key, woven);
            if (applied != null) {
                cache.storeApplied(key, applied, points);
            }
        } catch (IOException e) {
            log.accept(() -> Logger.warn("cannot keep woven classes in {} ({}): the agent weaves them again at every"
                    + " start", cache, e));
        }
    }
}
