package io.corsagent.tests.ecosystem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import io.corsagent.tests.containers.TestPaths;

/** Where the third-party agents (copied by this module's build) and the repository's docs are. */
final class Ecosystem {

    private Ecosystem() {
    }

    static Path openTelemetryAgent() {
        return agent("opentelemetry-javaagent.jar");
    }

    static Path elasticApmAgent() {
        return agent("elastic-apm-agent.jar");
    }

    static Path prometheusJmxAgent() {
        return agent("jmx_prometheus_javaagent.jar");
    }

    /** A file under the repository's {@code docs/}, e.g. {@code metrics/otel-jmx.yaml}: the tests use what users read. */
    static Path doc(String name) {
        return existing(Paths.get(required("cors.docs.dir")).resolve(name).normalize());
    }

    /** A system property this module's build sets, such as {@code byte-buddy.version}. */
    static String property(String name) {
        return required(name);
    }

    /** {@code -javaagent:<cors-agent.jar>=<argument>}, as a user writes it. */
    static String corsAgentOption(String agentArgument) {
        return "-javaagent:" + TestPaths.agentJar() + "=" + agentArgument;
    }

    private static Path agent(String jar) {
        return existing(Paths.get(required("ecosystem.agents.dir")).resolve(jar));
    }

    private static Path existing(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: run the tests through Maven");
        }
        return path;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run the tests through Maven)");
        }
        return value;
    }
}
