package io.corsagent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spring Security version on an app's class path, read as a resource, and the API its fix is written in. */
class SpringSecurityVersionTest {

    @TempDir
    Path dir;

    @Test
    void theLambdaDslFromSixOneOn() {
        assertEquals("http.cors(Customizer.withDefaults()) (Spring Security 6.5.6 is on the class path)",
                SpringSecurityVersion.of("6.5.6").corsCall());
        assertEquals("http.cors(Customizer.withDefaults()) (Spring Security 6.1.0 is on the class path)",
                SpringSecurityVersion.of("6.1.0").corsCall());
        assertEquals("http.cors(Customizer.withDefaults()) (Spring Security 7.0.0 is on the class path)",
                SpringSecurityVersion.of("7.0.0").corsCall());
        assertEquals("http.cors() (Spring Security 6.0.8 is on the class path)",
                SpringSecurityVersion.of("6.0.8").corsCall());
        assertEquals("http.cors() (Spring Security 5.7.11 is on the class path)",
                SpringSecurityVersion.of("5.7.11").corsCall());
    }

    @Test
    void anUnknownVersionNamesBothApis() {
        assertEquals("http.cors(Customizer.withDefaults()) (http.cors() before Spring Security 6.1)",
                SpringSecurityVersion.of(null).corsCall());
        assertEquals("http.cors(Customizer.withDefaults()) (http.cors() before Spring Security 6.1)",
                SpringSecurityVersion.onClassPathOf(new FakeServletContext("/app")).corsCall(),
                "a context without a loader");
    }

    @Test
    void readFromTheManifestOfTheJarThatHoldsSpringSecurityCore() throws IOException {
        Path jar = coreJar("security.jar", "6.5.6");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertEquals("6.5.6", versionSeenBy(loader));
        }
    }

    @Test
    void readFromTheJarsNameWhenItsManifestHasNoVersion() throws IOException {
        Path jar = coreJar("spring-security-core-5.7.11.jar", null);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertEquals("5.7.11", versionSeenBy(loader));
        }
    }

    @Test
    void noSpringSecurityNoVersion() throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
            assertNull(versionSeenBy(loader));
        }
    }

    private static String versionSeenBy(ClassLoader appLoader) {
        return SpringSecurityVersion.onClassPathOf(new FakeServletContext("/app").withClassLoader(appLoader)).version();
    }

    /** A jar with the core's version class (its bytes do not matter: it is never loaded) and a manifest. */
    private Path coreJar(String name, String implementationVersion) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (implementationVersion != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, implementationVersion);
        }
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(SpringSecurityVersion.CORE_CLASS));
            out.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
            out.closeEntry();
        }
        return jar;
    }
}
