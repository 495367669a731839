package io.corsagent.benchmarks;

import java.util.concurrent.TimeUnit;

import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.cors.PolicyExchange;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decision core as the container hooks call it: {@code enter} at the dispatch entry, then the answer (for
 * preflights) or {@code commitHeaders} (for served requests). Each benchmark returns what the hook would use, so
 * nothing is optimised away.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DecisionBenchmark {

    private static final String[] NO_HEADERS = new String[0];

    private CorsPolicyEngine engine;
    private String hostile8KiB;
    private String hostileWithinBounds;
    private String manyAllowedNames;

    @Setup
    public void setUp() {
        engine = Policies.engine(Policies.TYPICAL);
        hostile8KiB = ", ".repeat(4096);
        // The worst a value can be and still be read: up to the length bound, all commas and spaces.
        hostileWithinBounds = ", ".repeat(2048);
        // The longest list that is read to its end and echoed: 64 distinct 60-character names under "*".
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            names.append(i == 0 ? "" : ",").append("x-").append(String.format("%058d", i));
        }
        manyAllowedNames = names.toString();
    }

    @Benchmark
    public String[] notCors() {
        PolicyExchange exchange = engine.enter("GET", null, null, null, "https", "api.example.com", 443,
                "/api/orders");
        return exchange.commitHeaders(200, NO_HEADERS);
    }

    @Benchmark
    public String[] allowedActual() {
        PolicyExchange exchange = engine.enter("GET", "https://app.example.com", null, null, "https",
                "api.example.com", 443, "/api/orders");
        return exchange.commitHeaders(200, NO_HEADERS);
    }

    @Benchmark
    public String[] allowedPreflight() {
        PolicyExchange exchange = engine.enter("OPTIONS", "https://app.example.com", "PUT",
                "authorization,content-type", "https", "api.example.com", 443, "/api/orders");
        return exchange.answerHeaders();
    }

    @Benchmark
    public String[] refusedPreflight() {
        PolicyExchange exchange = engine.enter("OPTIONS", "https://evil.example.com.attacker.net", "PUT",
                "authorization,content-type", "https", "api.example.com", 443, "/api/orders");
        return exchange.answerHeaders();
    }

    @Benchmark
    public int hostileRequestHeaders8KiB() {
        return engine.enter("OPTIONS", "https://app.example.com", "PUT", hostile8KiB, "https", "api.example.com",
                443, "/api/orders").answerStatus();
    }

    @Benchmark
    public int hostileRequestHeadersWithinBounds() {
        return engine.enter("OPTIONS", "https://app.example.com", "PUT", hostileWithinBounds, "https",
                "api.example.com", 443, "/public/app.js").answerStatus();
    }

    @Benchmark
    public String[] longestReadableRequestHeaders() {
        return engine.enter("OPTIONS", "https://app.example.com", "PUT", manyAllowedNames, "https",
                "api.example.com", 443, "/public/app.js").answerHeaders();
    }
}
