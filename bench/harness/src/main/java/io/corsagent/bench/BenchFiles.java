package io.corsagent.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Where the harness finds what the build made, relative to the repository root (the working directory). */
final class BenchFiles {

    static final Path ROOT = Paths.get(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
    /** The agent under test: this checkout's build, or another jar given with -Dbench.agent.jar (before/after). */
    static final Path AGENT_JAR = Paths.get(System.getProperty("bench.agent.jar",
            ROOT.resolve("agent/dist/target/cors-agent.jar").toString())).toAbsolutePath();
    static final Path HARNESS_JAR = ROOT.resolve("bench/harness/target/bench-harness.jar");
    static final Path POLICY = ROOT.resolve("bench/policy/bench-policy.properties");
    static final Path MEMORY_POLICY = ROOT.resolve("bench/policy/memory-policy.properties");
    static final Path WRK_REPORT = ROOT.resolve("bench/wrk/report.lua");
    static final Path WRK_RANDOM_ORIGINS = ROOT.resolve("bench/wrk/random-origins.lua");
    static final Path RESULTS = ROOT.resolve("bench/results");

    private BenchFiles() {
    }

    /** The server module's compiled classes plus the class path its build wrote. */
    static String serverClassPath(String module) {
        StringBuilder classPath = new StringBuilder(moduleTarget(module).resolve("classes").toString());
        for (Path library : serverLibraries(module)) {
            classPath.append(java.io.File.pathSeparator).append(library);
        }
        return classPath.toString();
    }

    /** The jars of the class path the server module's build wrote ({@code target/classpath.txt}). */
    static List<Path> serverLibraries(String module) {
        try {
            String classPath = Files.readString(moduleTarget(module).resolve("classpath.txt")).trim();
            return Stream.of(classPath.split(java.io.File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("build first (bench/*.sh do): " + e.getMessage(), e);
        }
    }

    static Path moduleTarget(String module) {
        return ROOT.resolve("bench").resolve(module).resolve("target");
    }

    /**
     * Empties the agent's woven-class cache of a JVM whose {@code java.io.tmpdir} was {@code tmp}: the {@code woven-*}
     * directories beside the extracted bundle, so that its next start or attach weaves every class again.
     */
    static void deleteWovenClasses(Path tmp) throws IOException {
        List<Path> woven;
        try (Stream<Path> files = Files.walk(tmp)) {
            woven = files.filter(f -> f.getFileName().toString().startsWith("woven-")).toList();
        }
        for (Path directory : woven) {
            try (Stream<Path> entries = Files.walk(directory)) {
                for (Path entry : entries.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(entry);
                }
            }
        }
    }

    static Path resultFile(String name) throws IOException {
        Files.createDirectories(RESULTS);
        return RESULTS.resolve(name);
    }
}
