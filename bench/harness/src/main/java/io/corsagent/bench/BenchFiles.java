package io.corsagent.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

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
        Path dir = ROOT.resolve("bench").resolve(module).resolve("target");
        try {
            return dir.resolve("classes") + java.io.File.pathSeparator
                    + Files.readString(dir.resolve("classpath.txt")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("build first (bench/*.sh do): " + e.getMessage(), e);
        }
    }

    static Path resultFile(String name) throws IOException {
        Files.createDirectories(RESULTS);
        return RESULTS.resolve(name);
    }
}
