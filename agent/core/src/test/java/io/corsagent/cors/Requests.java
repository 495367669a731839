package io.corsagent.cors;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.corsagent.policy.LoadResult;
import io.corsagent.policy.Mode;
import io.corsagent.policy.Policy;
import io.corsagent.policy.PolicyLoader;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Helpers that keep the request tables readable: short header names, headers written as {@code A=x; B=y}. */
final class Requests {

    static final Map<String, String> SHORT_NAMES = new LinkedHashMap<>();

    static {
        SHORT_NAMES.put("ACAO", "Access-Control-Allow-Origin");
        SHORT_NAMES.put("ACAC", "Access-Control-Allow-Credentials");
        SHORT_NAMES.put("ACAM", "Access-Control-Allow-Methods");
        SHORT_NAMES.put("ACAH", "Access-Control-Allow-Headers");
        SHORT_NAMES.put("ACMA", "Access-Control-Max-Age");
        SHORT_NAMES.put("ACEH", "Access-Control-Expose-Headers");
        SHORT_NAMES.put("Vary", "Vary");
    }

    private Requests() {
    }

    static Policy policy(String text) {
        LoadResult result = PolicyLoader.parse("test.properties", text);
        assertTrue(result.isValid(), () -> "test policy invalid: " + result.errors());
        return result.policy();
    }

    static CorsPolicyEngine engine(String text, Mode mode, CorsEvents events) {
        return new CorsPolicyEngine(policy(text), mode, events);
    }

    /** Enters a request given as a URL the server sees (scheme, host, port, path). */
    static PolicyExchange enter(CorsPolicyEngine engine, String method, String url, String origin,
                                String requestMethod, String requestHeaders) {
        URI uri = URI.create(url);
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        return engine.enter(method, origin, requestMethod, requestHeaders, uri.getScheme(), uri.getHost(), port,
                uri.getPath());
    }

    /** {@code "ACAO=*; Vary=Origin"} to flattened pairs with full names; blank or {@code (none)} is no header. */
    static String[] headers(String text) {
        List<String> pairs = new ArrayList<>();
        if (text == null || text.isBlank() || text.equals("(none)")) {
            return new String[0];
        }
        for (String header : text.split(";")) {
            String trimmed = header.trim();
            int equals = trimmed.indexOf('=');
            String name = trimmed.substring(0, equals);
            pairs.add(SHORT_NAMES.getOrDefault(name, name));
            pairs.add(trimmed.substring(equals + 1));
        }
        return pairs.toArray(new String[0]);
    }

    /** The inverse of {@link #headers(String)}; {@code null} shows as {@code (unchanged)}. */
    static String show(String[] pairs) {
        if (pairs == null) {
            return "(unchanged)";
        }
        if (pairs.length == 0) {
            return "(none)";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            String name = pairs[i];
            for (Map.Entry<String, String> entry : SHORT_NAMES.entrySet()) {
                if (entry.getValue().equals(pairs[i])) {
                    name = entry.getKey();
                }
            }
            text.append(i == 0 ? "" : "; ").append(name).append('=').append(pairs[i + 1]);
        }
        return text.toString();
    }
}
