package io.corsagent.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one CORS filter declaration means, in the policy's terms: the settings of one rule, where they came from,
 * and the paths (agent globs, context path included) the filter was mapped to.
 */
final class ImportedRule {

    private static final Set<String> ALWAYS_ALLOWED = new LinkedHashSet<>(Arrays.asList("GET", "HEAD", "POST"));

    /** The filter, as a reader finds it: {@code Tomcat's CorsFilter 'cors' (WEB-INF/web.xml)}. */
    final String source;
    final List<String> globs = new ArrayList<>();
    final Set<String> origins = new LinkedHashSet<>();
    boolean anyOrigin;
    final Set<String> methods = new LinkedHashSet<>();
    final Set<String> headers = new LinkedHashSet<>();
    boolean anyHeader;
    final Set<String> exposed = new LinkedHashSet<>();
    boolean credentials;
    int maxAge;
    boolean rejectDisallowed;

    ImportedRule(String source) {
        this.source = source;
    }

    /** Splits a filter's list setting on commas and white space; empty items dropped. */
    static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        if (value != null) {
            for (String item : value.split("[,\\s]+")) {
                if (!item.isEmpty()) {
                    items.add(item);
                }
            }
        }
        return items;
    }

    /** Adds methods besides GET, HEAD and POST (always allowed), upper-casing those browsers upper-case. */
    void methods(List<String> declared, List<String> warnings) {
        for (String method : declared) {
            String upper = method.toUpperCase(Locale.ROOT);
            if (ALWAYS_ALLOWED.contains(upper)) {
                continue;
            }
            if (upper.equals("CONNECT") || upper.equals("TRACE") || upper.equals("TRACK")) {
                warnings.add(source + " allows " + method + ", which browsers never send cross-origin; left out");
                continue;
            }
            methods.add(Arrays.asList("DELETE", "OPTIONS", "PUT").contains(upper) ? upper : method);
        }
    }

    /** Adds header names; {@code *} means any. */
    void headers(List<String> declared) {
        for (String header : declared) {
            if (header.equals("*")) {
                anyHeader = true;
            } else {
                headers.add(header);
            }
        }
    }
}
