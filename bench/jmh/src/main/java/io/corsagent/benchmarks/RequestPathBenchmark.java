package io.corsagent.benchmarks;

import java.util.concurrent.TimeUnit;

import io.corsagent.audit.AgentEvents;
import io.corsagent.bridge.ContainerAdapter;
import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.HookProtocol;
import io.corsagent.bridge.ResponseFields;
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
 * The agent's whole per-request path as a container hook drives it: {@link HookProtocol#enter} at the container's
 * entry (the request's fields read, the engine asked, a preflight answered or the exchange kept) and
 * {@link HookProtocol#commit} when the app's response is committed (its managed fields read, settled and replaced),
 * through a {@link ContainerAdapter} over arrays. The container's own field lists are modelled by preallocated
 * arrays, so what allocates here is the agent, as {@code -prof gc} shows.
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

    private final ArrayAdapter adapter = new ArrayAdapter();
    private final Exchange exchange = new Exchange();

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
        CorsBridge.endEntry(null);
    }

    @Benchmark
    public int notCorsGet() {
        return serve("GET", NOT_CORS_GET, APP_RESPONSE);
    }

    /** The most common request of all: no Origin, and a response without {@code Vary} or CORS headers. */
    @Benchmark
    public int notCorsGetPlainResponse() {
        return serve("GET", NOT_CORS_GET, PLAIN_RESPONSE);
    }

    @Benchmark
    public int allowedCorsGet() {
        return serve("GET", CORS_GET, APP_RESPONSE);
    }

    @Benchmark
    public int allowedPreflight() {
        return serve("OPTIONS", ALLOWED_PREFLIGHT, APP_RESPONSE);
    }

    @Benchmark
    public int refusedPreflight() {
        return serve("OPTIONS", REFUSED_PREFLIGHT, APP_RESPONSE);
    }

    /** @return the status sent plus the number of response fields, so nothing is optimised away */
    private int serve(String method, String[] requestFields, String[] appResponse) {
        exchange.start(method, requestFields);
        if (HookProtocol.enter(adapter, exchange, exchange)) {
            CorsBridge.endEntry(null);
            return exchange.status + exchange.responseSize;
        }
        CorsBridge.endEntry(null);
        exchange.appResponds(appResponse);
        HookProtocol.commit(adapter, exchange);
        return exchange.status + exchange.responseSize;
    }

    /** One request and its response, as the container holds them: reused, never reallocated. */
    static final class Exchange {
        String method;
        String[] requestFields;
        Object kept;
        int status;
        final String[] response = new String[64];
        int responseSize;

        void start(String requestMethod, String[] fields) {
            method = requestMethod;
            requestFields = fields;
            kept = null;
            status = 0;
            responseSize = 0;
        }

        void appResponds(String[] fields) {
            System.arraycopy(fields, 0, response, 0, fields.length);
            responseSize = fields.length;
            status = 200;
        }
    }

    /** A container whose request and response are {@link Exchange}s. */
    static final class ArrayAdapter extends ContainerAdapter<Exchange, Exchange> {

        ArrayAdapter() {
            super("benchmark", "benchmark");
        }

        @Override
        protected String method(Exchange request) {
            return request.method;
        }

        @Override
        protected String path(Exchange request) {
            return "/api/orders";
        }

        @Override
        protected String requestField(Exchange request, String name) {
            String joined = null;
            String[] fields = request.requestFields;
            for (int i = 0; i < fields.length; i += 2) {
                if (fields[i].equalsIgnoreCase(name)) {
                    joined = CorsBridge.joinFieldValue(joined, fields[i + 1]);
                }
            }
            return joined;
        }

        @Override
        protected String scheme(Exchange request) {
            return "https";
        }

        @Override
        protected String host(Exchange request) {
            return "api.example.com";
        }

        @Override
        protected int port(Exchange request) {
            return 443;
        }

        @Override
        protected void keep(Exchange request, Exchange response, Object decision) {
            request.kept = decision;
        }

        @Override
        protected Object kept(Exchange response) {
            return response.kept;
        }

        @Override
        protected boolean isCommitted(Exchange response) {
            return false;
        }

        @Override
        protected int status(Exchange response) {
            return response.status;
        }

        @Override
        protected void setStatus(Exchange response, int status) {
            response.status = status;
        }

        @Override
        protected void readFields(Exchange response, ResponseFields fields) {
            for (int i = 0; i < response.responseSize; i += 2) {
                if (fields.wants(response.response[i])) {
                    fields.add(response.response[i], response.response[i + 1]);
                }
            }
        }

        /** One pass by position, as Jetty's adapter does: the managed fields out, the settled ones in. */
        @Override
        protected void replaceFields(Exchange response, String[] present, String[] settled) {
            int kept = 0;
            for (int i = 0; i < response.responseSize; i += 2) {
                if (!CorsBridge.isManagedHeader(response.response[i])) {
                    response.response[kept++] = response.response[i];
                    response.response[kept++] = response.response[i + 1];
                }
            }
            response.responseSize = kept;
            for (int i = 0; i + 1 < settled.length; i += 2) {
                addField(response, settled[i], settled[i + 1]);
            }
        }

        @Override
        protected void removeField(Exchange response, String name) {
            int kept = 0;
            for (int i = 0; i < response.responseSize; i += 2) {
                if (!response.response[i].equalsIgnoreCase(name)) {
                    response.response[kept++] = response.response[i];
                    response.response[kept++] = response.response[i + 1];
                }
            }
            response.responseSize = kept;
        }

        @Override
        protected void addField(Exchange response, String name, String value) {
            response.response[response.responseSize++] = name;
            response.response[response.responseSize++] = value;
        }
    }

    private static String[] with(String[] fields, String name, String value) {
        String[] result = java.util.Arrays.copyOf(fields, fields.length + 2);
        result[fields.length] = name;
        result[fields.length + 1] = value;
        return result;
    }
}
