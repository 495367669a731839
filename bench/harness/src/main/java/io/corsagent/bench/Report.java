package io.corsagent.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A Markdown report: printed as it grows, written to bench/results/ at the end. */
final class Report {

    private final StringBuilder text = new StringBuilder();
    private final String name;
    private final String stamp =
            OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));

    Report(String name, String title) throws IOException, InterruptedException {
        this.name = name;
        line("## " + title);
        line("");
        line("Run " + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19)
                + " UTC on " + machine() + "; load average at start " + loadAverage() + ".");
        line("");
    }

    void line(String line) {
        text.append(line).append('\n');
        System.out.println(line);
        System.out.flush();
    }

    /** This report's file with the given extension (".md", ".csv"), under bench/results/. */
    Path file(String extension) throws IOException {
        return BenchFiles.resultFile(name + "-" + stamp + extension);
    }

    Path write() throws IOException {
        line("Load average at the end: " + loadAverage() + ".");
        Path file = file(".md");
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        System.out.println("written: " + BenchFiles.ROOT.relativize(file));
        return file;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** CPU model and count, memory, kernel, and the JVM the servers run on (the harness's own). */
    static String machine() throws IOException, InterruptedException {
        String cpu = "unknown CPU";
        for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (l.startsWith("model name")) {
                cpu = l.substring(l.indexOf(':') + 1).trim();
                break;
            }
        }
        long memKb = 0;
        for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (l.startsWith("MemTotal:")) {
                memKb = Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return Runtime.getRuntime().availableProcessors() + " × " + cpu + ", " + (memKb / 1024 / 1024) + " GiB, Linux "
                + System.getProperty("os.version") + ", " + ManagementFactory.getRuntimeMXBean().getVmName() + " "
                + System.getProperty("java.runtime.version");
    }
}
