package io.corsagent.benchmarks;

import io.corsagent.cors.CorsEvents;
import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.policy.LoadResult;
import io.corsagent.policy.Mode;
import io.corsagent.policy.PolicyLoader;

/** The policies the benchmarks decide under. */
final class Policies {

    /** A typical API policy: a few origins, a subdomain wildcard, credentials, a public path. */
    static final String TYPICAL = """
            allowed-origins = https://app.example.com, https://*.example.com, http://localhost:*
            allowed-methods = PUT, DELETE, PATCH
            allowed-headers = Content-Type, Authorization, X-Requested-With
            exposed-headers = X-Request-Id
            allow-credentials = true
            path./public/**.allowed-origins = *
            path./public/**.allow-credentials = false
            path./public/**.allowed-headers = *
            """;

    private Policies() {
    }

    static CorsPolicyEngine engine(String text) {
        return engine(text, Mode.ENFORCE, CorsEvents.NONE);
    }

    static CorsPolicyEngine engine(String text, Mode mode, CorsEvents events) {
        LoadResult result = PolicyLoader.parse("benchmark.properties", text);
        if (!result.isValid()) {
            throw new IllegalStateException("benchmark policy invalid: " + result.errors());
        }
        return new CorsPolicyEngine(result.policy(), mode, events);
    }

    /** {@code exact} exact origins and {@code wildcards} subdomain wildcards, each on its own domain. */
    static String large(int exact, int wildcards) {
        StringBuilder origins = new StringBuilder("allowed-origins = ");
        for (int i = 0; i < exact; i++) {
            origins.append("https://app").append(i).append(".customer").append(i).append(".com, ");
        }
        for (int i = 0; i < wildcards; i++) {
            origins.append("https://*.tenant").append(i).append(".example.net, ");
        }
        origins.setLength(origins.length() - 2);
        return origins + "\nallowed-methods = PUT\nallow-credentials = true\n";
    }
}
