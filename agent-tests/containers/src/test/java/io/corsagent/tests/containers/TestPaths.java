package io.corsagent.tests.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the built artifacts are; set by surefire (see the module's pom). */
public final class TestPaths {

    private TestPaths() {
    }

    public static Path agentJar() {
        Path jar = Paths.get(required("cors.agent.jar")).normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build agent/dist first");
        }
        return jar;
    }

    public static Path testsDir() {
        return Paths.get(required("cors.tests.dir")).normalize();
    }

    public static Path policy(String name) {
        return Paths.get(required("cors.policy.dir")).resolve(name).normalize();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run the tests through Maven)");
        }
        return value;
    }
}
