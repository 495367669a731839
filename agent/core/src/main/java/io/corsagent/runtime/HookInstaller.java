package io.corsagent.runtime;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import io.corsagent.hooks.ContainerHook;
import io.corsagent.hooks.HookPoint;
import io.corsagent.log.AgentLog;
import io.corsagent.testing.WeaverDelay;

/**
 * Installs every {@link ContainerHook} found on the agent's class path, as Advice only, so the same hooks apply
 * to classes loaded later (premain) and to classes already loaded (retransformation, after attach).
 */
final class HookInstaller {

    private HookInstaller() {
    }

    /**
     * Registers the agent's transformer and returns: Byte Buddy is loaded and set up only when the first class to
     * instrument is loaded, or ahead of that by {@link #prepareWeaving}.
     *
     * @param retransformLoaded whether classes already loaded are instrumented too: after an attach they are; at
     *                          premain no container class is loaded yet
     * @param cache             where woven classes are taken from and kept
     * @param deferred          the classes loaded before the weaver is ready: {@link DeferredWeaving#NEVER} when it
     *                          is not prepared ahead of them
     * @return the hooks installed, and from then on what they guard
     */
    static HookLedger install(Instrumentation instrumentation, AgentArguments.Hooks selection,
                              boolean retransformLoaded, WovenClassCache cache, DeferredWeaving deferred) {
        ClassLoader agentLoader = HookInstaller.class.getClassLoader();
        HookLedger ledger = new HookLedger();
        // First, so that the loaders that would hide the bridge are woven before any container class they define.
        List<HookPoint> points = new ArrayList<>(LoaderBridging.points());
        ledger.addLoaderBridging(points);
        List<ClassLoader> adviceLoaders = new ArrayList<>();
        adviceLoaders.add(agentLoader);
        List<ContainerHook> hooks = new ArrayList<>();
        for (ContainerHook hook : ServiceLoader.load(ContainerHook.class, agentLoader)) {
            if (selection == AgentArguments.Hooks.ALL || !hook.isContainerEntry()) {
                hooks.add(hook);
                List<HookPoint> hookPoints = hook.points();
                ledger.add(hook, hookPoints);
                points.addAll(hookPoints);
                if (!adviceLoaders.contains(hook.getClass().getClassLoader())) {
                    adviceLoaders.add(hook.getClass().getClassLoader());
                }
            }
        }
        AdapterLoading.install(hooks);
        HookTargets targets = new HookTargets(points, agentLoader);
        HookTransformer transformer = new HookTransformer(targets, ledger, adviceLoaders, cache, deferred,
                instrumentation, AgentLog::whenConfigured);
        ledger.restoreWith(transformer::restoreLater);
        deferred.reportTo(ledger);
        instrumentation.addTransformer(transformer, true);
        if (retransformLoaded) {
            Retransformation.retransformLoaded(instrumentation, targets, ledger);
        }
        return ledger;
    }

    /**
     * Sets up the weaving machinery (Byte Buddy) now, on the calling thread, rather than on the thread that loads the
     * first class to instrument, typically the application's main thread. Safe from any thread and at any time,
     * before or after {@link #install} and before the agent's log is set up (it logs nothing). The first call does the
     * work (some hundreds of milliseconds of CPU) and a call meanwhile waits for it; later calls return at once. Never
     * throws.
     *
     * <p>Nothing is prepared when the cache holds classes an earlier run wove: a restart most likely finds every class
     * there, and then needs no weaver at all.
     *
     * <p>Then the classes that loaded meanwhile, guarded, are woven.
     */
    static void prepareWeaving(WovenClassCache cache, DeferredWeaving deferred) {
        if (!cache.hasEntries()) {
            Weaver.prepare();
        }
        WeaverDelay.apply();
        deferred.weaverReady();
    }
}
