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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Allowed actual requests under a policy of {@code exactOrigins} exact origins and 100 subdomain wildcards: the
 * cost must not grow with the number of origins (hash set for exact ones, host-suffix index for wildcards).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class LargePolicyBenchmark {

    private static final String[] NO_HEADERS = new String[0];

    @Param({"10", "1000", "10000"})
    public int exactOrigins;

    private CorsPolicyEngine engine;
    private String exactOrigin;
    private String wildcardOrigin;

    @Setup
    public void setUp() {
        engine = Policies.engine(Policies.large(exactOrigins, 100));
        int middle = exactOrigins / 2;
        exactOrigin = "https://app" + middle + ".customer" + middle + ".com";
        wildcardOrigin = "https://eu.shop.tenant73.example.net";
    }

    @Benchmark
    public String[] exactOrigin() {
        PolicyExchange exchange = engine.enter("GET", exactOrigin, null, null, "https", "api.example.com", 443, "/");
        return exchange.commitHeaders(200, NO_HEADERS);
    }

    @Benchmark
    public String[] wildcardOrigin() {
        PolicyExchange exchange = engine.enter("GET", wildcardOrigin, null, null, "https", "api.example.com", 443,
                "/");
        return exchange.commitHeaders(200, NO_HEADERS);
    }

    @Benchmark
    public String[] refusedOrigin() {
        PolicyExchange exchange = engine.enter("GET", "https://app.customer.evil.net", null, null, "https",
                "api.example.com", 443, "/");
        return exchange.commitHeaders(200, NO_HEADERS);
    }
}
