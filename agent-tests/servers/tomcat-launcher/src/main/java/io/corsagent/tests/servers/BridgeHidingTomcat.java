package io.corsagent.tests.servers;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link TomcatTestServer}, loaded by a class loader that hides the agent's bridge as JBoss Modules and OSGi
 * frameworks do without the agent's help: it answers {@code io.corsagent.bridge.*} from neither the bootstrap class
 * path nor its own. The agent must then weave nothing into Tomcat's classes, say so, and never report itself active.
 */
public final class BridgeHidingTomcat {

    private BridgeHidingTomcat() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader hiding = new URLClassLoader(classPath(), new ClassLoader(ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("io.corsagent.bridge.")) {
                    throw new ClassNotFoundException(name + " is hidden from this loader");
                }
                return super.loadClass(name, resolve);
            }
        });
        Thread.currentThread().setContextClassLoader(hiding);
        hiding.loadClass(TomcatTestServer.class.getName()).getMethod("main", String[].class)
                .invoke(null, (Object) args);
    }

    private static URL[] classPath() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        return urls.toArray(new URL[0]);
    }
}
