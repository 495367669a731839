package io.corsagent.runtime;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.named;

import java.util.ArrayList;
import java.util.List;

import io.corsagent.hooks.HookPoint;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

import org.tinylog.Logger;

/**
 * Inlines the advice of hook points into a class file: Byte Buddy's part of the agent, kept out of every other class
 * so that the agent loads Byte Buddy only once a class is to be woven (or {@link #prepare} is called).
 *
 * <p>Advice only: the class is decorated, never redefined, and Byte Buddy's implementation context is disabled, so a
 * woven class has the same fields and methods as before, which is what retransformation requires. Classes are read
 * from their bytes and class loader, never loaded.
 */
final class Weaver {

    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(Implementation.Context.Disabled.Factory.INSTANCE);

    private Weaver() {
    }

    /** The weaver of this JVM, built by the first thread that needs it (class initialisation makes that safe). */
    static Weaver get() {
        return Shared.WEAVER;
    }

    private static final class Shared {
        static final Weaver WEAVER = new Weaver();
    }

    /** Builds the weaver now, on the calling thread, if no thread did yet; see {@link HookInstaller#prepareWeaving}. */
    static void prepare() {
        try {
            get();
        } catch (Throwable e) {
            // Each class to instrument will then fail to weave, and say so.
            Logger.warn(e, "could not prepare the agent's instrumentation");
        }
    }

    /**
     * @param points       the points whose name test the class passed, in the order their advice is to be inlined
     * @param adviceLoaders the class loaders of the hooks, where the points' advice classes are found
     * @return the woven class file, or {@code null} when none of the points applies to the class
     */
    byte[] weave(ClassLoader loader, String internalName, byte[] classFile, List<HookPoint> points,
                 List<ClassLoader> adviceLoaders) {
        String name = internalName.replace('/', '.');
        List<ClassFileLocator> locators = new ArrayList<>();
        locators.add(ClassFileLocator.Simple.of(name, classFile));
        locators.add(ClassFileLocator.ForClassLoader.of(loader));
        for (ClassLoader adviceLoader : adviceLoaders) {
            locators.add(ClassFileLocator.ForClassLoader.of(adviceLoader));
        }
        // One pool for the class and its advice: the advice names the container's types (as parameter and field
        // types), which only the class's own loader can resolve.
        ClassFileLocator locator = new ClassFileLocator.Compound(locators);
        TypePool pool = new TypePool.Default.WithLazyResolution(TypePool.CacheProvider.Simple.withObjectType(),
                locator, TypePool.Default.ReaderMode.FAST);
        TypeDescription type = pool.describe(name).resolve();
        DynamicType.Builder<?> builder = null;
        for (HookPoint point : points) {
            if (applies(point, type)) {
                if (builder == null) {
                    builder = byteBuddy.decorate(type, locator);
                }
                Advice advice = Advice.to(pool.describe(point.adviceClass()).resolve(), locator);
                builder = builder.visit(advice.on(point.methods()));
            }
        }
        return builder == null ? null : builder.make(pool).getBytes();
    }

    /** The super type of a subtype point (its name was checked already), and at least one method to advise. */
    private static boolean applies(HookPoint point, TypeDescription type) {
        if (point.superType() != null
                && (type.isInterface() || !hasSuperType(named(point.superType())).matches(type))) {
            return false;
        }
        return !type.getDeclaredMethods().filter(point.methods()).isEmpty();
    }
}
