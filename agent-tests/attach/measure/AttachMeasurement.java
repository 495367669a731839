import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures, on a running server line under load: the time from starting {@code java -jar cors-agent.jar attach} to
 * the first preflight the agent answers, and the longest request while the agent retransforms loaded classes.
 * Not a test: run it with measure-attach.sh and read the figures.
 *
 * <p>Arguments: agent jar, server java executable, server class path, server main class, policy file, client threads.
 */
public class AttachMeasurement {

    private static final String ORIGIN = "https://app.example.com";

    public static void main(String[] arguments) throws Exception {
        String agentJar = arguments[0];
        String java = arguments[1];
        String classPath = arguments[2];
        String mainClass = arguments[3];
        String policy = arguments[4];
        int threads = Integer.parseInt(arguments[5]);

        Process server = new ProcessBuilder(java, "-cp", classPath, mainClass).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        int port = -1;
        for (String line; (line = output.readLine()) != null; ) {
            if (line.startsWith("CORS-TEST-SERVER LISTENING ")) {
                port = Integer.parseInt(line.substring("CORS-TEST-SERVER LISTENING ".length()).trim());
                break;
            }
        }
        Thread drain = new Thread(() -> output.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        try {
            run(agentJar, policy, port, threads, server.pid());
        } finally {
            server.destroy();
        }
    }

    private static void run(String agentJar, String policy, int port, int threads, long pid) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI app = URI.create("http://127.0.0.1:" + port + "/app/api/data");
        HttpRequest get = HttpRequest.newBuilder(app).header("Authorization", "Bearer x").GET().build();
        HttpRequest preflight = HttpRequest.newBuilder(app).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN).header("Access-Control-Request-Method", "PUT").build();

        // Warm up: the server has served requests for a while before anyone attaches.
        long warmUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < warmUntil) {
            client.send(get, HttpResponse.BodyHandlers.discarding());
        }

        AtomicBoolean running = new AtomicBoolean(true);
        List<long[]> samples = new ArrayList<>(); // {start nanos, duration nanos}
        List<Thread> load = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> {
                List<long[]> mine = new ArrayList<>();
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        client.send(get, HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    mine.add(new long[] {start, System.nanoTime() - start});
                }
                synchronized (samples) {
                    samples.addAll(mine);
                }
            });
            thread.start();
            load.add(thread);
        }
        Thread.sleep(3000);

        long attachStart = System.nanoTime();
        Process cli = new ProcessBuilder("java", "-jar", agentJar, "attach", Long.toString(pid), policy)
                .redirectErrorStream(true).start();
        long enforced;
        while (true) {
            HttpResponse<Void> response = client.send(preflight, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 204) {
                enforced = System.nanoTime();
                break;
            }
        }
        String cliOutput = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int cliExit = cli.waitFor();
        long cliDone = System.nanoTime();
        Thread.sleep(3000);
        running.set(false);
        for (Thread thread : load) {
            thread.join();
        }

        long before = 0;
        long during = 0;
        long after = 0;
        int requests = 0;
        for (long[] sample : samples) {
            requests++;
            if (sample[0] + sample[1] < attachStart) {
                before = Math.max(before, sample[1]);
            } else if (sample[0] <= cliDone) {
                during = Math.max(during, sample[1]);
            } else {
                after = Math.max(after, sample[1]);
            }
        }
        System.out.print(cliOutput);
        System.out.println("cli exit code                          " + cliExit);
        System.out.println("attach: CLI start to first 204         " + millis(enforced - attachStart) + " ms");
        System.out.println("attach: CLI start to CLI exit          " + millis(cliDone - attachStart) + " ms");
        System.out.println("requests measured (" + threads + " client threads) " + requests);
        System.out.println("longest request before the attach      " + millis(before) + " ms");
        System.out.println("longest request during the attach      " + millis(during) + " ms");
        System.out.println("longest request after the attach       " + millis(after) + " ms");
    }

    private static String millis(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }
}
