package io.corsagent.runtime;

import java.lang.instrument.Instrumentation;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.log.AgentLog;

import org.tinylog.Logger;

/**
 * The classes to instrument that loaded, {@link WeavingGuard guarded}, while the weaver was being set up beside the
 * application's start, and their weaving once it is ready.
 *
 * <p>At premain the application's main thread loads the first container class within some tens of milliseconds,
 * and Byte Buddy's first weave takes some hundreds: rather than wait for it, that thread gets the class guarded, and
 * the agent's start thread retransforms it when the weaver is ready, which weaves it (the transformer sees the class's
 * original bytes again). A restart takes its classes from the {@link WovenClassCache} and defers nothing.
 */
final class DeferredWeaving {

    /** Nothing is ever deferred: after an attach the weaver is set up by the first class it weaves. */
    static final DeferredWeaving NEVER = new DeferredWeaving(null, Runnable::run);

    private final Instrumentation instrumentation;
    /** Runs a log statement once the agent's log is set up: {@link AgentLog#whenConfigured}. */
    private final Consumer<Runnable> log;
    /** The guarded classes, by loader and name: they are being defined as they are added. Guarded by this. */
    private List<Deferred> deferred = new ArrayList<>();
    /** Written under the lock; read without it by {@link #isWeaverReady}, which {@link #defer} then confirms. */
    private volatile boolean weaverReady;
    /** See {@link #reportTo}; {@code null} until the hooks are installed. */
    private volatile HookLedger ledger;

    /** @param log runs a log statement once the agent's log is set up: {@link AgentLog#whenConfigured} */
    DeferredWeaving(Instrumentation instrumentation, Consumer<Runnable> log) {
        this.instrumentation = instrumentation;
        this.log = log;
        this.weaverReady = instrumentation == null;
    }

    /** Whether classes are woven as they load; else they are guarded and {@link #defer deferred}. */
    boolean isWeaverReady() {
        return weaverReady;
    }

    /**
     * Records a class about to be defined guarded, unless the weaver is ready by now.
     *
     * @return whether the class is to be guarded; {@code false}: weave it now
     */
    synchronized boolean defer(ClassLoader loader, String internalName) {
        if (weaverReady) {
            return false;
        }
        CorsBridge.weavingDeferred();
        deferred.add(new Deferred(loader, internalName.replace('/', '.')));
        return true;
    }

    /**
     * The weaver is ready (or cannot be): weaves every class deferred so far by retransforming it, then lets the
     * requests waiting in a guard go on. Called once, by the agent's start thread.
     */
    void weaverReady() {
        List<Deferred> classes;
        synchronized (this) {
            weaverReady = true;
            classes = deferred;
            deferred = new ArrayList<>();
        }
        List<Class<?>> woven = new ArrayList<>();
        try {
            // Outside the lock: resolving a class waits for its definition, which may still be under way on the
            // thread that deferred it, and that thread may be about to defer another class.
            for (Deferred entry : classes) {
                Class<?> type = entry.resolve(log);
                if (type != null && retransform(type)) {
                    woven.add(type);
                }
            }
        } finally {
            CorsBridge.weavingCompleted(woven);
        }
    }

    private boolean retransform(Class<?> type) {
        try {
            instrumentation.retransformClasses(type);
            return true;
        } catch (Throwable e) {
            HookLedger hooks = ledger;
            if (hooks == null) {
                log.accept(() -> Logger.warn(e, "could not instrument {}; it runs without cors-agent",
                        type.getName()));
            } else {
                log.accept(() -> Retransformation.refused(type, e, hooks));
            }
            return false;
        }
    }

    /** Where a class whose redefinition the JVM refuses is reported: the hooks installed with these classes. */
    void reportTo(HookLedger hooks) {
        if (instrumentation != null) {
            ledger = hooks;
        }
    }

    private static final class Deferred {

        /** Weakly: an application may be undeployed before the weaver is ready. */
        private final WeakReference<ClassLoader> loader;
        private final String name;

        Deferred(ClassLoader loader, String name) {
            this.loader = new WeakReference<>(loader);
            this.name = name;
        }

        /** @return the class, once defined; {@code null} when its definition failed or its loader is gone */
        Class<?> resolve(Consumer<Runnable> log) {
            ClassLoader classLoader = loader.get();
            if (classLoader == null) {
                return null;
            }
            try {
                return Class.forName(name, false, classLoader);
            } catch (ClassNotFoundException | LinkageError e) {
                log.accept(() -> Logger.debug("{} was to be instrumented but is not defined ({})", name, e));
                return null;
            }
        }
    }
}
