package io.corsagent.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import io.corsagent.bridge.CorsBridge;

/**
 * The class loader of one {@link io.corsagent.bridge.ContainerAdapter}: a child of the loader of the container class
 * the adapter serves, so the adapter's references to the container resolve to that container's own classes. The
 * hooks' classes ({@code io.corsagent.hooks.*}) it defines itself, from the agent's class files; the bridge it takes
 * from where the agent's runtime has it (the bootstrap class path), as the woven class does; anything else from the
 * container's loader.
 */
final class AdapterClassLoader extends ClassLoader {

    private static final String HOOKS = "io.corsagent.hooks.";
    private static final String BRIDGE = "io.corsagent.bridge.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader hookLoader;

    /**
     * @param containerLoader the woven class's loader ({@code null}: the bootstrap loader)
     * @param hookLoader      where the hook's class files are
     */
    AdapterClassLoader(ClassLoader containerLoader, ClassLoader hookLoader) {
        super(containerLoader);
        this.hookLoader = hookLoader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(BRIDGE)) {
            return Class.forName(name, false, CorsBridge.class.getClassLoader());
        }
        if (!name.startsWith(HOOKS)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] classFile = classFile(name);
                loaded = defineClass(name, classFile, 0, classFile.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private byte[] classFile(String name) throws ClassNotFoundException {
        try (InputStream in = hookLoader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) > 0; ) {
                bytes.write(buffer, 0, read);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
