package io.corsagent.tests.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The files the build hands to the test as system properties (see this module's pom). */
final class BuiltArtifacts {

    private BuiltArtifacts() {
    }

    static Path agentJar() {
        return existing("corsagent.jar");
    }

    static Path demoJar() {
        return existing("demo.jar");
    }

    static Path demoPolicy() {
        return existing("demo.policy");
    }

    static Path chromium() {
        return existing("chromium.binary");
    }

    static Path chromedriver() {
        return existing("chromedriver.binary");
    }

    static Path workDirectory() {
        return Paths.get(required("test.workdir")).toAbsolutePath().normalize();
    }

    private static Path existing(String property) {
        Path path = Paths.get(required(property)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(property + " = " + path + " does not exist: run `mvn -B verify` from the"
                    + " repository root (it builds the jars first); for the browser, run .ci/run once or"
                    + " `apt-get install chromium chromium-driver`");
        }
        return path;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("system property " + property + " is not set: run this test with Maven");
        }
        return value;
    }
}
