import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up cost of the agent on a server line: from the JVM's start to its first served request, the process's CPU
 * time ({@code /proc/<pid>/stat} utime + stime, read right after the first response) and the wall time. CPU time is
 * the figure that holds on a loaded machine; wall time is printed too. Without the agent and with each agent jar
 * given, alternating (the order rotates every run), each run a fresh JVM. Not a test: run it with startup.sh.
 *
 * <p>Arguments: java executable, class path, main class, policy file, runs, agent jar... ({@code -} for none).
 */
public class StartupMeasurement {

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    public static void main(String[] arguments) throws Exception {
        String java = arguments[0];
        String classPath = arguments[1];
        String mainClass = arguments[2];
        String policy = arguments[3];
        int runs = Integer.parseInt(arguments[4]);
        List<String> setups = new ArrayList<>(Arrays.asList(arguments).subList(5, arguments.length));
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (String setup : setups) {
            results.put(setup, new ArrayList<>());
        }
        List<String> order = new ArrayList<>(setups);
        for (int run = 0; run < runs; run++) {
            StringBuilder line = new StringBuilder("run " + (run + 1) + ":");
            for (String setup : order) {
                double[] figures = start(java, classPath, mainClass, setup.equals("-") ? null : setup, policy);
                results.get(setup).add(figures);
                line.append(String.format(Locale.ROOT, "  %s cpu %.0f wall %.0f", label(setup), figures[0], figures[1]));
            }
            System.out.println(line);
            Collections.rotate(order, 1);
        }
        System.out.println();
        System.out.println(String.format(Locale.ROOT, "%-40s %22s %22s %12s %12s", "set-up (" + runs + " runs)",
                "CPU ms median (min-max)", "wall ms median (min-max)", "CPU delta", "wall delta"));
        double baseCpu = Double.NaN;
        double baseWall = Double.NaN;
        for (String setup : setups) {
            List<double[]> figures = results.get(setup);
            double cpu = median(figures, 0);
            double wall = median(figures, 1);
            if (setup.equals("-")) {
                baseCpu = cpu;
                baseWall = wall;
            }
            System.out.println(String.format(Locale.ROOT, "%-40s %22s %22s %12s %12s", label(setup),
                    String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", cpu, min(figures, 0), max(figures, 0)),
                    String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", wall, min(figures, 1), max(figures, 1)),
                    setup.equals("-") ? "" : String.format(Locale.ROOT, "%+.0f", cpu - baseCpu),
                    setup.equals("-") ? "" : String.format(Locale.ROOT, "%+.0f", wall - baseWall)));
        }
    }

    private static String label(String setup) {
        return setup.equals("-") ? "no agent" : Path.of(setup).getFileName().toString();
    }

    /** @return {process CPU ms, wall ms} at the first response */
    private static double[] start(String java, String classPath, String mainClass, String agentJar, String policy)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        if (agentJar != null) {
            command.add("-javaagent:" + agentJar + "=" + policy);
        }
        String extra = System.getenv("STARTUP_JVM_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        long started = System.nanoTime();
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            int port = -1;
            StringBuilder seen = new StringBuilder();
            for (String line; (line = output.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.startsWith("CORS-TEST-SERVER LISTENING ")) {
                    port = Integer.parseInt(line.substring("CORS-TEST-SERVER LISTENING ".length()).trim());
                    break;
                }
            }
            if (port < 0) {
                throw new IllegalStateException("the server did not start:\n" + seen);
            }
            Thread drain = new Thread(() -> output.lines().forEach(l -> { }));
            drain.setDaemon(true);
            drain.start();
            String status = get(port);
            double wall = (System.nanoTime() - started) / 1e6;
            double cpu = cpuMillis(server.pid());
            if (!status.contains(" 200 ")) {
                throw new IllegalStateException("first request answered " + status);
            }
            return new double[] {cpu, wall};
        } finally {
            server.getOutputStream().close();
            server.destroy();
            server.waitFor();
        }
    }

    /** A CORS GET through the app (past its auth filter), so the agent's hooks run as on a real first request. */
    private static String get(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /app/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer x\r\n"
                    + "Origin: https://app.example.com\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readLine();
            in.transferTo(OutputStream.nullOutputStream());
            return status;
        }
    }

    private static double cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command's closing parenthesis: state is field 3, utime field 14, stime field 15.
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000.0 / TICKS_PER_SECOND;
    }

    private static double median(List<double[]> figures, int index) {
        double[] values = figures.stream().mapToDouble(f -> f[index]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static double min(List<double[]> figures, int index) {
        return figures.stream().mapToDouble(f -> f[index]).min().orElse(Double.NaN);
    }

    private static double max(List<double[]> figures, int index) {
        return figures.stream().mapToDouble(f -> f[index]).max().orElse(Double.NaN);
    }
}
