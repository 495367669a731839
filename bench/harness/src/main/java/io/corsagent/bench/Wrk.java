package io.corsagent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (pinned with taskset) against a bench server and reads the line its Lua script prints. */
final class Wrk {

    private static final Pattern RESULT = Pattern.compile("WRK-RESULT requests=(\\d+) duration_us=(\\d+) "
            + "p50_us=(\\d+) p99_us=(\\d+) max_us=(\\d+) non2xx3xx=(\\d+) socket_errors=(\\d+)");

    /** One wrk run: throughput and latency (microseconds). */
    record Result(long requests, long durationMicros, long p50Micros, long p99Micros, long maxMicros,
                  long non2xx3xx, long socketErrors) {

        double throughput() {
            return requests * 1_000_000.0 / durationMicros;
        }
    }

    private final String cpus;
    private final int threads;
    private final int connections;

    /**
     * @param cpus        taskset CPU list for wrk, or {@code null}
     * @param threads     wrk threads
     * @param connections open connections (keep-alive)
     */
    Wrk(String cpus, int threads, int connections) {
        this.cpus = cpus;
        this.threads = threads;
        this.connections = connections;
    }

    Result run(int port, Scenario scenario, int seconds) throws IOException, InterruptedException {
        return await(start(port, scenario, seconds));
    }

    /**
     * One run per port, all started at once, so that the servers serve them in the same seconds; the results by the
     * same keys.
     */
    <K> Map<K, Result> runAtOnce(Map<K, Integer> ports, Scenario scenario, int seconds)
            throws IOException, InterruptedException {
        Map<K, Process> runs = new LinkedHashMap<>();
        for (Map.Entry<K, Integer> port : ports.entrySet()) {
            runs.put(port.getKey(), start(port.getValue(), scenario, seconds));
        }
        Map<K, Result> results = new LinkedHashMap<>();
        for (Map.Entry<K, Process> run : runs.entrySet()) {
            results.put(run.getKey(), await(run.getValue()));
        }
        return results;
    }

    /** A run with the random-origins script (the memory benchmark). */
    Result runRandomOrigins(int port, int seconds) throws IOException, InterruptedException {
        return run(port, Scenario.PATH, seconds, BenchFiles.WRK_RANDOM_ORIGINS.toString(), List.of(), null);
    }

    private Result run(int port, String path, int seconds, String script, List<String> headers, String method)
            throws IOException, InterruptedException {
        return await(start(port, path, seconds, script, headers, method));
    }

    /** Starts a run in the background; {@link #await} reads its result. */
    Process start(int port, Scenario scenario, int seconds) throws IOException {
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < scenario.headers.size(); i += 2) {
            headers.add("-H");
            headers.add(scenario.headers.get(i) + ": " + scenario.headers.get(i + 1));
        }
        return start(port, Scenario.PATH, seconds, BenchFiles.WRK_REPORT.toString(), headers, scenario.method);
    }

    private Process start(int port, String path, int seconds, String script, List<String> headers, String method)
            throws IOException {
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "5s",
                "-s", script));
        command.addAll(headers);
        command.add("http://127.0.0.1:" + port + path);
        if (method != null) {
            command.addAll(List.of("--", method));
        }
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    Result await(Process process) throws IOException, InterruptedException {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Matcher m = RESULT.matcher(output);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException("wrk failed (exit " + exit + "): " + output);
        }
        return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                Long.parseLong(m.group(7)));
    }
}
