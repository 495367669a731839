package io.corsagent.runtime;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.isVirtual;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.corsagent.hooks.HookPoint;

import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.AsmClassWriter;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Inlines the advice of hook points into a class file: Byte Buddy's part of the agent, kept out of every other class
 * so that the agent loads Byte Buddy only once a class is to be woven, or when {@link #prepare prepared}.
 *
 * <p>Advice only: the class is decorated, never redefined, and Byte Buddy's implementation context is disabled, so a
 * woven class has the same fields and methods as before, which is what retransformation requires. Classes are read
 * from their bytes and their class loader's resources, never loaded.
 *
 * <p>The advice, an ASM class visitor, is run over the class file with ASM's reader and writer directly, as Byte
 * Buddy's own decoration would run it, but without {@code ByteBuddy.decorate}: its dynamic type builder, type writer
 * and method graph are several hundred classes that a JVM would load, verify and interpret only for the first class
 * woven, since the advice needs none of them. A restart takes its woven classes from the {@link WovenClassCache}.
 */
final class Weaver {

    /** Whether {@link #prepare} succeeded; {@code null} until it ran. Guarded by Weaver.class. */
    private static Boolean prepared;

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
                    Collections.singletonList(WeavingWarmUp.POINT), Collections.singletonList(loader)).classFile != null;
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * Weaves all of the points into the class, or none: when the class lacks the method of a point that names it
     * ({@link HookPoint#inClass}), it is left as it is and the caller decides which points to weave instead. A subtype
     * point whose method a subtype does not declare is no such case: it is woven where declared.
     *
     * @param points        the points that apply to the class (by name and super type), in the order their advice is
     *                      to be inlined
     * @param adviceLoaders the class loaders of the hooks, where the points' advice classes are found
     * @throws IllegalStateException when an advice cannot be linked to the class (a field it reads is missing, say)
     */
    Woven weave(ClassLoader loader, String internalName, byte[] classFile, List<HookPoint> points,
                List<ClassLoader> adviceLoaders) {
        String name = internalName.replace('/', '.');
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = typePool(locator);
        TypeDescription type = pool.describe(name).resolve();
        // The methods Byte Buddy's decoration offers advice: all but the synthetic virtual ones (bridges), whose
        // advice would run a second time in the method they call.
        MethodList<?> methods = type.getDeclaredMethods().filter(not(isVirtual().and(isSynthetic())));
        List<HookPoint> applied = new ArrayList<>();
        List<HookPoint> missing = new ArrayList<>();
        List<AsmVisitorWrapper> wrappers = new ArrayList<>();
        for (HookPoint point : points) {
            if (!methods.filter(point.methods()).isEmpty()) {
                applied.add(point);
                wrappers.add(advice(point.adviceClass(), loader, adviceLoaders).on(point.methods()));
            } else if (point.className() != null) {
                missing.add(point);
            }
        }
        if (!missing.isEmpty() || wrappers.isEmpty()) {
            return new Woven(null, applied, missing);
        }
        return new Woven(write(type, classFile, pool, methods, new AsmVisitorWrapper.Compound(wrappers)), applied,
                missing);
    }

    /** What {@link #weave} made of a class. */
    static final class Woven {

        /** The woven class file, or {@code null} when the class is left as it is. */
        final byte[] classFile;
        /** The points whose methods the class declares: whose advice went in, unless {@link #missing} has any. */
        final List<HookPoint> applied;
        /** The points of this very class whose method it does not declare: the class is then left as it is. */
        final List<HookPoint> missing;

        Woven(byte[] classFile, List<HookPoint> applied, List<HookPoint> missing) {
            this.classFile = classFile;
            this.applied = applied;
            this.missing = missing;
        }
    }

    /**
     * Runs the class file through the wrappers' visitors into a new class file. The reader is Byte Buddy's, which
     * refuses a class file version newer than Byte Buddy knows as its decoration does. The writer starts from the
     * reader's constant pool, so that methods no advice touches are copied as they are; its frames, should a wrapper
     * ask for them to be computed, resolve common super classes in the type pool, never by loading a class.
     */
    private static byte[] write(TypeDescription type, byte[] classFile, TypePool pool, MethodList<?> methods,
                                AsmVisitorWrapper wrapper) {
        int writerFlags = wrapper.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
        int readerFlags = wrapper.mergeReader(AsmVisitorWrapper.NO_FLAGS);
        ClassReader reader = OpenedClassReader.of(classFile);
        ClassWriter writer = new AsmClassWriter.FrameComputingClassWriter(reader, writerFlags, pool);
        // Disabled: the advice may add no field, method or type initializer. Such a context defines no auxiliary
        // type, so it takes no naming strategy for them and ignores their class file version.
        ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
        Implementation.Context context = Implementation.Context.Disabled.Factory.INSTANCE.make(type, null,
                TypeInitializer.None.INSTANCE, version, version, frameGeneration(version, writerFlags, readerFlags));
        reader.accept(wrapper.wrap(type, writer, context, pool, type.getDeclaredFields(), methods, writerFlags,
                readerFlags), readerFlags);
        return writer.toByteArray();
    }

    /** How code added to the class is to come by its stack map frames: as Byte Buddy's decoration decides it. */
    private static Implementation.Context.FrameGeneration frameGeneration(ClassFileVersion version, int writerFlags,
                                                                          int readerFlags) {
        if ((writerFlags & ClassWriter.COMPUTE_FRAMES) != 0 || !version.isAtLeast(ClassFileVersion.JAVA_V6)) {
            return Implementation.Context.FrameGeneration.DISABLED;
        }
        return (readerFlags & ClassReader.EXPAND_FRAMES) == 0
                ? Implementation.Context.FrameGeneration.GENERATE
                : Implementation.Context.FrameGeneration.EXPAND;
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
