package io.corsagent.runtime;

import java.io.IOException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The release of the container a class comes from, as its jar's manifest states it: what an operator reports, and
 * what a hook's supported range is checked against. Read only when something must be said about that class.
 */
final class ContainerVersion {

    private static final Attributes.Name[] VERSION_ATTRIBUTES = {Attributes.Name.IMPLEMENTATION_VERSION,
            new Attributes.Name("Bundle-Version"), Attributes.Name.SPECIFICATION_VERSION};

    private ContainerVersion() {
    }

    /** @return e.g. {@code jetty-server-9.4.20.v20190813.jar 9.4.20.v20190813}, or {@code unknown version} */
    static String of(ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || !"file".equals(location.getProtocol()) || !location.getPath().endsWith(".jar")) {
            return location == null ? "unknown version" : location.toString();
        }
        String path = location.getPath();
        String jarName = path.substring(path.lastIndexOf('/') + 1);
        try (JarFile jar = new JarFile(path)) {
            Manifest manifest = jar.getManifest();
            if (manifest != null) {
                for (Attributes.Name name : VERSION_ATTRIBUTES) {
                    String version = manifest.getMainAttributes().getValue(name);
                    if (version != null) {
                        return jarName + " " + version;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // The jar's name is what there is to say.
        }
        return jarName;
    }
}
