package io.corsagent.benchmarks;

import java.util.concurrent.TimeUnit;

import io.corsagent.audit.AgentEvents;
import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;
import io.corsagent.policy.Mode;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent's whole per-request path as a container hook drives it, through the bridge the inlined advice calls:
 * the entry hook scans the request's header fields for {@code Origin} and the two {@code Access-Control-Request-*}
 * fields, calls {@link CorsBridge#enter} with the strings it found, and either writes the answer (a preflight) or
 * lets the app run; the commit hook then scans the response's fields for managed ones, calls
 * {@link CorsBridge#commit} and replaces them with the settled set. The container's own field lists are modelled
 * by preallocated arrays, so what allocates here is the agent (and the hooks' own arrays), as {@code -prof gc}
 * shows.
 *
 * <p>{@code mode}: {@code enforce} and {@code audit} with the runtime's own {@link AgentEvents}, as the agent
 * installs them; {@code none} with no engine in the bridge, the cost of the hooks alone when the agent is inactive.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestPathBenchmark {

    private static final String APP_ORIGIN = "https://app.example.com";

    /** What a browser sends besides the CORS fields: the hook reads past all of them. */
    private static final String[] NOT_CORS_GET = {
            "Host", "api.example.com",
            "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
            "Accept", "application/json",
            "Accept-Encoding", "gzip, deflate, br",
            "Accept-Language", "en-GB,en;q=0.9",
            "Cookie", "JSESSIONID=3F2A9C0B7D1E4F5A6B7C8D9E0F1A2B3C"};
    private static final String[] CORS_GET = with(NOT_CORS_GET, "Origin", APP_ORIGIN);
    private static final String[] ALLOWED_PREFLIGHT = with(with(with(NOT_CORS_GET,
            "Origin", APP_ORIGIN),
            "Access-Control-Request-Method", "PUT"),
            "Access-Control-Request-Headers", "authorization,content-type");
    private static final String[] REFUSED_PREFLIGHT = with(with(with(NOT_CORS_GET,
            "Origin", "https://evil.example.com.attacker.net"),
            "Access-Control-Request-Method", "PUT"),
            "Access-Control-Request-Headers", "authorization,content-type");

    /** A typical JSON API response, before the commit hook: one managed header, the app's own Vary. */
    private static final String[] APP_RESPONSE = {
            "Content-Type", "application/json;charset=utf-8",
            "Content-Length", "87",
            "Cache-Control", "no-store",
            "X-Request-Id", "7f3c2a9e-1b4d-4e8a-9c6f-2d5e8a1b3c7d",
            "Vary", "Accept-Encoding"};
    /** The same without {@code Vary}: a response with no managed header at all, which the commit hook passes as none. */
    private static final String[] PLAIN_RESPONSE = java.util.Arrays.copyOf(APP_RESPONSE, APP_RESPONSE.length - 2);

    @Param({"enforce", "audit", "none"})
    public String mode;

    /** The container's response fields: reset to {@link #APP_RESPONSE} before each request, never reallocated. */
    private final String[] response = new String[64];
    private int responseSize;

    @Setup(Level.Trial)
    public void installEngine() {
        if (mode.equals("none")) {
            CorsBridge.install(null);
            return;
        }
        CorsBridge.install(Policies.engine(Policies.TYPICAL, Mode.fromKeyword(mode), new AgentEvents()));
    }

    @TearDown(Level.Trial)
    public void uninstallEngine() {
        CorsBridge.install(null);
    }

    @Benchmark
    public int notCorsGet() {
        return serve("GET", NOT_CORS_GET);
    }

    /** The most common request of all: no Origin, and a response without {@code Vary} or CORS headers. */
    @Benchmark
    public int notCorsGetPlainResponse() {
        return serve("GET", NOT_CORS_GET, PLAIN_RESPONSE);
    }

    @Benchmark
    public int allowedCorsGet() {
        return serve("GET", CORS_GET);
    }

    @Benchmark
    public int allowedPreflight() {
        return serve("OPTIONS", ALLOWED_PREFLIGHT);
    }

    @Benchmark
    public int refusedPreflight() {
        return serve("OPTIONS", REFUSED_PREFLIGHT);
    }

    /** @return the status sent plus the number of response fields, so nothing is optimised away */
    private int serve(String method, String[] requestFields) {
        return serve(method, requestFields, APP_RESPONSE);
    }

    private int serve(String method, String[] requestFields, String[] appResponse) {
        CorsExchange exchange = entryHook(method, requestFields);
        int status = exchange == null ? 0 : exchange.answerStatus();
        if (status != 0) {
            responseSize = 0;
            String[] answer = exchange.answerHeaders();
            for (int i = 0; i + 1 < answer.length; i += 2) {
                add(answer[i], answer[i + 1]);
            }
            return status + responseSize;
        }
        System.arraycopy(appResponse, 0, response, 0, appResponse.length);
        responseSize = appResponse.length;
        if (exchange != null) {
            commitHook(exchange, 200);
        }
        return 200 + responseSize;
    }

    /** What the Jetty 12 and Tomcat entry advice do: find the CORS fields, then ask the bridge. */
    private static CorsExchange entryHook(String method, String[] fields) {
        String origin = null;
        String requestMethod = null;
        String requestHeaders = null;
        for (int i = 0; i < fields.length; i += 2) {
            String name = fields[i];
            if (name.equalsIgnoreCase("Origin")) {
                origin = origin == null ? fields[i + 1] : origin + ", " + fields[i + 1];
            } else if (name.equalsIgnoreCase("Access-Control-Request-Method")) {
                requestMethod = requestMethod == null ? fields[i + 1] : requestMethod + ", " + fields[i + 1];
            } else if (name.equalsIgnoreCase("Access-Control-Request-Headers")) {
                requestHeaders = requestHeaders == null ? fields[i + 1] : requestHeaders + ", " + fields[i + 1];
            }
        }
        return CorsBridge.enter("benchmark", method, origin, requestMethod, requestHeaders, "https", "api.example.com", 443,
                "/api/orders");
    }

    /** What the commit advice does: collect the managed fields, ask the bridge, replace them with its answer. */
    private void commitHook(CorsExchange exchange, int status) {
        int managed = 0;
        for (int i = 0; i < responseSize; i += 2) {
            if (CorsBridge.isManagedHeader(response[i])) {
                managed++;
            }
        }
        String[] appHeaders = managed == 0 ? CorsBridge.NO_HEADERS : new String[managed * 2];
        for (int i = 0, next = 0; i < responseSize && next < appHeaders.length; i += 2) {
            if (CorsBridge.isManagedHeader(response[i])) {
                appHeaders[next++] = response[i];
                appHeaders[next++] = response[i + 1];
            }
        }
        String[] settled = CorsBridge.commit(exchange, status, appHeaders);
        if (settled == null) {
            return;
        }
        int kept = 0;
        for (int i = 0; i < responseSize; i += 2) {
            if (!CorsBridge.isManagedHeader(response[i])) {
                response[kept++] = response[i];
                response[kept++] = response[i + 1];
            }
        }
        responseSize = kept;
        for (int i = 0; i + 1 < settled.length; i += 2) {
            add(settled[i], settled[i + 1]);
        }
    }

    private void add(String name, String value) {
        response[responseSize++] = name;
        response[responseSize++] = value;
    }

    private static String[] with(String[] fields, String name, String value) {
        String[] result = java.util.Arrays.copyOf(fields, fields.length + 2);
        result[fields.length] = name;
        result[fields.length + 1] = value;
        return result;
    }
}
