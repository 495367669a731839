package io.corsagent.audit;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLConnection;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spring Security version an app runs, for a fix written in that version's API: read from the manifest of the jar
 * that holds {@code spring-security-core} (its {@code Implementation-Version}, which Spring Security's own
 * {@code SpringSecurityCoreVersion} reports), else from the jar's file name. Found through the app's class loader as a
 * resource, so no class of the app is loaded or initialised. Works inside a Spring Boot executable jar, whose nested
 * jars the launcher's URL handlers open.
 *
 * <p>Only called when a finding about Spring Security is about to be logged, never per request.
 */
final class SpringSecurityVersion {

    /** The class whose jar is Spring Security's core. */
    static final String CORE_CLASS = "org/springframework/security/core/SpringSecurityCoreVersion.class";

    private static final Pattern JAR_NAME = Pattern.compile("spring-security-core-(\\d+\\.\\d+[^/!]*)\\.jar!/");
    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+).*");

    private final String version;

    private SpringSecurityVersion(String version) {
        this.version = version;
    }

    /** The version on the class path of the app this servlet context belongs to; unknown when it cannot be read. */
    static SpringSecurityVersion onClassPathOf(Object servletContext) {
        ClassLoader loader = classLoader(servletContext);
        URL core = loader == null ? null : loader.getResource(CORE_CLASS);
        return new SpringSecurityVersion(core == null ? null : read(core));
    }

    static SpringSecurityVersion of(String version) {
        return new SpringSecurityVersion(version);
    }

    /** {@code 6.5.6}, or {@code null} when unknown. */
    String version() {
        return version;
    }

    /**
     * How a {@code SecurityFilterChain} turns on Spring Security's CORS handling in this version: the lambda DSL's
     * {@code http.cors(Customizer.withDefaults())} from 6.1 on (which deprecates {@code http.cors()}),
     * {@code http.cors()} before; both when the version is unknown.
     */
    String corsCall() {
        Matcher number = version == null ? null : MAJOR_MINOR.matcher(version);
        if (number == null || !number.matches()) {
            return "http.cors(Customizer.withDefaults()) (http.cors() before Spring Security 6.1)";
        }
        int major = Integer.parseInt(number.group(1));
        int minor = Integer.parseInt(number.group(2));
        boolean lambdaDsl = major > 6 || major == 6 && minor >= 1;
        return (lambdaDsl ? "http.cors(Customizer.withDefaults())" : "http.cors()")
                + " (Spring Security " + version + " is on the class path)";
    }

    private static ClassLoader classLoader(Object servletContext) {
        if (servletContext == null) {
            return null;
        }
        try {
            Method getClassLoader = PublicMethods.publicMethod(servletContext.getClass(), "getClassLoader");
            return (ClassLoader) getClassLoader.invoke(servletContext);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // A security manager, or a context that hides its loader: the fix then names both APIs.
            return null;
        }
    }

    private static String read(URL core) {
        String fromManifest = manifestVersion(core);
        if (fromManifest != null) {
            return fromManifest;
        }
        Matcher name = JAR_NAME.matcher(core.toString());
        return name.find() ? name.group(1) : null;
    }

    private static String manifestVersion(URL core) {
        String url = core.toString();
        if (!url.startsWith("jar:") || !url.endsWith("!/" + CORE_CLASS)) {
            return null;
        }
        try {
            // Resolved against the class's own URL, so the handler that opened it (Boot's, for a nested jar) reads it.
            URLConnection connection = new URL(core, "/META-INF/MANIFEST.MF").openConnection();
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                Object value = new Manifest(in).getMainAttributes().getValue("Implementation-Version");
                return value == null ? null : value.toString();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
