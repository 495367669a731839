package io.corsagent.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.List;

/**
 * Defines the classes it is given the names of itself, from their class files as a transformer returns them: what
 * the JVM does when it loads a class with an agent installed. Everything else comes from the test's class loader.
 */
public class TransformingLoader extends ClassLoader {

    private final ClassFileTransformer transformer;
    private final List<String> names;

    TransformingLoader(ClassFileTransformer transformer, Class<?>... classes) {
        super(TransformingLoader.class.getClassLoader());
        this.transformer = transformer;
        this.names = Arrays.stream(classes).map(Class::getName).toList();
    }

    /** Defines the classes as compiled; the JVM applies its registered transformers, as to any class. */
    public static TransformingLoader asCompiled(Class<?>... classes) {
        return new TransformingLoader(new ClassFileTransformer() {
        }, classes);
    }

    /** Defines a class from the given class file instead of its own. */
    static TransformingLoader defining(Class<?> type, byte[] classFile) {
        return new TransformingLoader(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                    byte[] original) {
                return classFile;
            }
        }, type);
    }

    /** The class file of a class as compiled. */
    static byte[] classFile(Class<?> type) {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!names.contains(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded != null) {
                return loaded;
            }
            byte[] original = classFile(getParent().loadClass(name));
            byte[] transformed;
            try {
                transformed = transformer.transform(this, name.replace('.', '/'), null, null, original);
            } catch (IllegalClassFormatException e) {
                throw new ClassNotFoundException(name, e);
            }
            byte[] defined = transformed != null ? transformed : original;
            return defineClass(name, defined, 0, defined.length);
        }
    }
}
