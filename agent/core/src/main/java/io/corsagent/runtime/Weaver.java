package io.corsagent.runtime;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.corsagent.hooks.HookPoint;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

/**
 * Inlines the advice of hook points into a class file: Byte Buddy's part of the agent, kept out of every other class
 * so that the agent loads Byte Buddy only once a class is to be woven, or when {@link #prepare prepared}.
 *
 * <p>Advice only: the class is decorated, never redefined, and Byte Buddy's implementation context is disabled, so a
 * woven class has the same fields and methods as before, which is what retransformation requires. Classes are read
 * from their bytes and their class loader's resources, never loaded.
 */
final class Weaver {

    /** Whether {@link #prepare} succeeded; {@code null} until it ran. Guarded by Weaver.class. */
    private static Boolean prepared;

    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(Implementation.Context.Disabled.Factory.INSTANCE);
    /** Each advice class, as last resolved: see {@link #advice}. */
    private final ConcurrentMap<String, ResolvedAdvice> adviceByClass = new ConcurrentHashMap<>();

    Weaver() {
    }

    /** The weaver of this JVM, built by the first thread that needs it (class initialisation makes that safe). */
    static Weaver get() {
        return Shared.WEAVER;
    }

    private static final class Shared {
        static final Weaver WEAVER = new Weaver();
    }

    /**
     * Builds the weaver, if no thread did yet, and weaves {@link WeavingWarmUp} once: the first weave loads and runs
     * a good deal of Byte Buddy for the first time, which the calling thread then pays rather than the application's
     * thread that loads the first container class. See {@link HookInstaller#prepareWeaving}.
     *
     * @return whether weaving works; when it does not, each class to instrument says so in the log when it loads.
     *         This logs nothing itself, so that it may run before the agent's log is set up.
     */
    static synchronized boolean prepare() {
        if (prepared == null) {
            prepared = warmUp();
        }
        return prepared;
    }

    private static boolean warmUp() {
        try {
            ClassLoader loader = WeavingWarmUp.class.getClassLoader();
            return get().weave(loader, WeavingWarmUp.class.getName().replace('.', '/'),
                    ClassFileLocator.ForClassLoader.read(WeavingWarmUp.class),
                    Collections.singletonList(WeavingWarmUp.POINT), Collections.singletonList(loader)) != null;
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * @param points        the points that apply to the class (by name and super type), in the order their advice is
     *                      to be inlined
     * @param adviceLoaders the class loaders of the hooks, where the points' advice classes are found
     * @return the woven class file, or {@code null} when the class declares none of the points' methods
     */
    byte[] weave(ClassLoader loader, String internalName, byte[] classFile, List<HookPoint> points,
                 List<ClassLoader> adviceLoaders) {
        String name = internalName.replace('/', '.');
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = typePool(locator);
        TypeDescription type = pool.describe(name).resolve();
        DynamicType.Builder<?> builder = null;
        for (HookPoint point : points) {
            if (!type.getDeclaredMethods().filter(point.methods()).isEmpty()) {
                if (builder == null) {
                    builder = byteBuddy.decorate(type, locator);
                }
                builder = builder.visit(advice(point.adviceClass(), loader, adviceLoaders).on(point.methods()));
            }
        }
        return builder == null ? null : builder.make(pool).getBytes();
    }

    private static TypePool typePool(ClassFileLocator locator) {
        return new TypePool.Default.WithLazyResolution(TypePool.CacheProvider.Simple.withObjectType(), locator,
                TypePool.Default.ReaderMode.FAST);
    }

    /**
     * The advice of that class, for a class of that loader. The advice names the container's types (as parameter and
     * field types), which only the woven class's loader resolves, so advice is resolved per class loader; the last one
     * is kept, which serves every class of a container whose classes share a loader.
     */
    private Advice advice(String adviceClass, ClassLoader loader, List<ClassLoader> adviceLoaders) {
        ResolvedAdvice resolved = adviceByClass.get(adviceClass);
        if (resolved == null || resolved.loader.get() != loader) {
            resolved = new ResolvedAdvice(adviceClass, loader, adviceLoaders);
            adviceByClass.put(adviceClass, resolved);
        }
        return resolved.advice;
    }

    private static final class ResolvedAdvice {

        /** Weakly, like the loader's class file locator: the cache must not keep an undeployed web app's loader. */
        final WeakReference<ClassLoader> loader;
        final Advice advice;

        ResolvedAdvice(String adviceClass, ClassLoader loader, List<ClassLoader> adviceLoaders) {
            List<ClassFileLocator> locators = new ArrayList<>();
            for (ClassLoader adviceLoader : adviceLoaders) {
                locators.add(ClassFileLocator.ForClassLoader.of(adviceLoader));
            }
            locators.add(ClassFileLocator.ForClassLoader.WeaklyReferenced.of(loader));
            ClassFileLocator locator = new ClassFileLocator.Compound(locators);
            this.loader = new WeakReference<>(loader);
            this.advice = Advice.to(typePool(locator).describe(adviceClass).resolve(), locator);
        }
    }
}
