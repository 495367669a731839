package io.corsagent.tests.appservers;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a server's main class in a class loader that does not see the agent's bridge, as a module system does that
 * exports to its modules only the packages it was told of: the server's classes come from a {@link URLClassLoader}
 * whose parent delegates everything to the platform class loader but {@code io.corsagent.bridge}, which it refuses.
 *
 * <p>Arguments: the server's class path, its main class.
 */
public final class HiddenBridgeLauncher {

    private HiddenBridgeLauncher() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader hiding = new ClassLoader("hides-io.corsagent.bridge", ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("io.corsagent.bridge.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        URLClassLoader server = new URLClassLoader("server", urls(args[0]), hiding);
        Thread.currentThread().setContextClassLoader(server);
        server.loadClass(args[1]).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
    }

    private static URL[] urls(String classPath) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            urls.add(Paths.get(entry).toUri().toURL());
        }
        return urls.toArray(new URL[0]);
    }
}
