package io.corsagent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code jcmd} of the harness's own JDK against a server JVM. */
final class Jcmd {

    /** A heap histogram of live objects (jcmd runs a full GC first): bytes per class, and the totals. */
    record Histogram(Map<String, long[]> byClass, long totalInstances, long totalBytes) {

        /** Instances and bytes of every class whose name starts with {@code prefix}. */
        long[] sum(String prefix) {
            long[] sum = new long[2];
            byClass.forEach((name, figures) -> {
                if (name.startsWith(prefix)) {
                    sum[0] += figures[0];
                    sum[1] += figures[1];
                }
            });
            return sum;
        }
    }

    private Jcmd() {
    }

    static String run(long pid, String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(ServerJvm.javaExecutable()).resolveSibling("jcmd");
        List<String> line = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd failed: " + line + "\n" + output);
        }
        return output;
    }

    static Histogram liveHistogram(long pid) throws IOException, InterruptedException {
        Map<String, long[]> byClass = new LinkedHashMap<>();
        long instances = 0;
        long bytes = 0;
        for (String line : run(pid, "GC.class_histogram").split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 4 && parts[0].endsWith(":")) {
                byClass.merge(parts[3], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            } else if (parts.length == 3 && parts[0].equals("Total")) {
                instances = Long.parseLong(parts[1]);
                bytes = Long.parseLong(parts[2]);
            }
        }
        return new Histogram(byClass, instances, bytes);
    }
}
