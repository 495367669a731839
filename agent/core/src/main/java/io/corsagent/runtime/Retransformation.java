package io.corsagent.runtime;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

import org.tinylog.Logger;

/**
 * After an attach: the classes already loaded that the hook points instrument are retransformed, a few at a time
 * with a pause between, so that a busy server never stops for long. The JVM stops every thread while it redefines
 * a batch.
 */
final class Retransformation {

    /** Classes retransformed at once. */
    static final int BATCH = 50;

    private Retransformation() {
    }

    /** Errors are logged per class and never thrown: a class that cannot be retransformed runs without the agent. */
    static void retransformLoaded(Instrumentation instrumentation, HookTargets targets, HookLedger ledger) {
        List<Class<?>> matching = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (targets.matchesLoaded(type) && instrumentation.isModifiableClass(type)) {
                matching.add(type);
            }
        }
        // Class loaders first, on their own: a container class is woven only if its loader sees the bridge, which
        // for some loaders takes their own woven loadClass, and a batch's classes are redefined only once all of
        // them are transformed.
        List<Class<?>> loaders = new ArrayList<>();
        for (Class<?> type : matching) {
            if (ClassLoader.class.isAssignableFrom(type)) {
                loaders.add(type);
            }
        }
        matching.removeAll(loaders);
        retransform(instrumentation, loaders, ledger);
        retransform(instrumentation, matching, ledger);
    }

    private static void retransform(Instrumentation instrumentation, List<Class<?>> matching, HookLedger ledger) {
        for (int from = 0; from < matching.size(); from += BATCH) {
            if (from > 0) {
                Thread.yield();
            }
            List<Class<?>> batch = matching.subList(from, Math.min(from + BATCH, matching.size()));
            try {
                instrumentation.retransformClasses(batch.toArray(new Class<?>[0]));
            } catch (Throwable e) {
                // The JVM redefines a batch entirely or not at all: each class alone, so that only the failing one
                // is left out, and named.
                for (Class<?> type : batch) {
                    retransform(instrumentation, type, ledger);
                }
            }
        }
    }

    private static void retransform(Instrumentation instrumentation, Class<?> type, HookLedger ledger) {
        try {
            instrumentation.retransformClasses(type);
        } catch (Throwable e) {
            refused(type, e, ledger);
        }
    }

    /** Said once per class: as an error when hooks counted as woven into it are switched off for it. */
    static void refused(Class<?> type, Throwable e, HookLedger ledger) {
        List<String> switchedOff = ledger.redefinitionRefused(type, e);
        if (switchedOff.isEmpty()) {
            Logger.warn(e, "could not instrument {}; it runs without cors-agent", type.getName());
        } else {
            Logger.error(e, "hooks {} switched off: the JVM refused to redefine {}, so no class keeps any of their"
                    + " advice. Report it with the container's version", switchedOff, type.getName());
        }
    }
}
