package io.corsagent.bench;

import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where cors-agent's premain spends its time: {@code --runs} fresh JVMs each call the agent's premain (through
 * {@code AgentLauncher.premain}, with the JVM's own Instrumentation) under a flight recording sampling every
 * millisecond; the samples of all runs are added up per frame (inclusive: a frame counts once per sample it is on).
 */
public final class PremainProfiler {

    /** Frames worth naming besides the agent's own: Byte Buddy's set-up steps and the JDK's class loading. */
    private static final List<String> NOTABLE = List.of(
            "AgentBuilder$Default.<init>", "AgentBuilder$Default.installOn", "NexusAccessor.<clinit>",
            "ClassInjector$UsingReflection.<clinit>", "ClassInjector$UsingUnsafe.<clinit>",
            "AgentBuilder$Default$ExecutingTransformer.<clinit>", "tinylog.configuration.Configuration.replace",
            "tinylog.provider.ProviderRegistry.<clinit>", "java.nio.file.Files.copy", "java.lang.ClassLoader.loadClass",
            "java.lang.ClassLoader.defineClass1");

    private PremainProfiler() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(args[1], args[2], Path.of(args[3]));
            return;
        }
        Options options = new Options(args);
        int runs = options.getInt("runs", 3);
        Report report = new Report("premain-profile", "Where premain spends its time");
        Map<String, Integer> inclusive = new LinkedHashMap<>();
        int samples = 0;
        List<String> walls = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path jfr = Files.createTempFile("premain-", ".jfr");
            Process child = new ProcessBuilder(ServerJvm.javaExecutable(), "-javaagent:" + BenchFiles.HARNESS_JAR + "=capture",
                    "-cp", BenchFiles.HARNESS_JAR.toString(), PremainProfiler.class.getName(), "child",
                    BenchFiles.AGENT_JAR.toString(), BenchFiles.POLICY.toString(), jfr.toString())
                    .redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (child.waitFor() != 0 || !output.contains("PREMAIN-MILLIS ")) {
                throw new IllegalStateException("profiling run failed:\n" + output);
            }
            walls.add(output.substring(output.indexOf("PREMAIN-MILLIS ") + 15).trim().split("\\s")[0]);
            for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                Set<String> seen = new HashSet<>();
                boolean inPremain = false;
                for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                    String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                    inPremain |= name.equals("io.corsagent.launcher.AgentLauncher.premain");
                    if (isReported(name) && seen.add(name)) {
                        inclusive.merge(name, 1, Integer::sum);
                    }
                }
                if (inPremain) {
                    samples++;
                } else {
                    seen.forEach(name -> inclusive.merge(name, -1, Integer::sum));
                }
            }
            Files.delete(jfr);
        }
        report.line("Agent `" + BenchFiles.ROOT.relativize(BenchFiles.AGENT_JAR) + "`, " + runs + " fresh JVMs, premain wall"
                + " time " + String.join(", ", walls) + " ms; " + samples + " execution samples (1 ms period) inside"
                + " `AgentLauncher.premain`. A frame's share: the samples it is on (inclusive).");
        report.line("");
        report.line("| frame | share of premain samples |");
        report.line("| --- | --- |");
        int total = samples;
        inclusive.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(30)
                .forEach(e -> report.line(String.format(Locale.ROOT, "| `%s` | %.0f%% |", e.getKey(),
                        100.0 * e.getValue() / total)));
        report.line("");
        report.write();
    }

    private static boolean isReported(String frame) {
        if (frame.startsWith("io.corsagent.") && !frame.startsWith("io.corsagent.shaded.")
                && !frame.startsWith("io.corsagent.bench.")) {
            return true;
        }
        for (String notable : NOTABLE) {
            if (frame.endsWith(notable)) {
                return true;
            }
        }
        return false;
    }

    /** In the profiled JVM: record while the agent's premain runs. */
    private static void child(String agentJar, String policy, Path jfr) throws Exception {
        Instrumentation instrumentation = PremainTimer.instrumentation();
        if (instrumentation == null) {
            throw new IllegalStateException("start with -javaagent:bench-harness.jar=capture");
        }
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.start();
            long start = System.nanoTime();
            URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(agentJar).toUri().toURL()},
                    ClassLoader.getSystemClassLoader());
            loader.loadClass("io.corsagent.launcher.AgentLauncher")
                    .getMethod("premain", String.class, Instrumentation.class)
                    .invoke(null, policy, instrumentation);
            System.out.println("PREMAIN-MILLIS " + (System.nanoTime() - start) / 1_000_000);
            recording.stop();
            recording.dump(jfr);
        }
        System.exit(0);
    }
}
