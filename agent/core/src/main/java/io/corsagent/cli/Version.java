package io.corsagent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The agent's version, from a resource Maven fills in at build time. The manifest cannot tell: the core runs from
 * a jar nested in cors-agent.jar, so {@code Package.getImplementationVersion()} is null there.
 */
public final class Version {

    private static final String RESOURCE = "version.properties";

    private Version() {
    }

    /** @return the version, such as {@code 0.1.0}, or {@code unknown} when the resource is missing */
    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
