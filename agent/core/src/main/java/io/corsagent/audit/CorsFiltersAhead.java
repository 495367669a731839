package io.corsagent.audit;

import java.util.ArrayList;
import java.util.List;

import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.FilterChainTrace;

/**
 * The recognised CORS filters a culprit runs ahead of on the request's own path: those the observed chain ran after
 * it, and those the app mapped to the request's path (the finding is only made when none ran before the culprit) (a filter that stops a request hides the rest
 * of the chain, so the path mapping tells what it held). When there are none, the CORS filters the app registers
 * for other paths only, so that the warning can say the path has none rather than that the app has none.
 */
final class CorsFiltersAhead {

    /** "Tomcat's CorsFilter (org.apache.catalina.filters.CorsFilter)" entries, on the request's path. */
    private final List<String> onPath;
    /** The same for CORS filters the app registers, mapped to other paths only. */
    private final List<String> elsewhere;

    private CorsFiltersAhead(List<String> onPath, List<String> elsewhere) {
        this.onPath = onPath;
        this.elsewhere = elsewhere;
    }

    /** The CORS filters after {@code culprit}: observed after it in the chain, or mapped to the path and not run. */
    static CorsFiltersAhead of(CorsDecision decision, FilterChainTrace trace, int culprit) {
        List<String> onPath = new ArrayList<>();
        for (int frame = culprit + 1; frame < trace.frames(); frame++) {
            add(onPath, trace.filter(frame));
        }
        List<String> elsewhere = new ArrayList<>();
        Object context = trace.servletContext();
        String path = RegisteredFilters.pathInContext(context, decision.path());
        for (RegisteredFilters.Registration registration : RegisteredFilters.of(context)) {
            // A CORS filter mapped to the path runs after the culprit: the finding is only made when none ran before.
            add(path != null && registration.mapsPath(path) ? onPath : elsewhere, registration.className);
        }
        elsewhere.removeAll(onPath);
        return new CorsFiltersAhead(onPath, elsewhere);
    }

    private static void add(List<String> entries, String className) {
        String name = KnownFilters.corsFilter(className);
        String entry = name + " (" + className + ")";
        if (name != null && !entries.contains(entry)) {
            entries.add(entry);
        }
    }

    /** Whether no recognised CORS filter runs on the request's path after the culprit. */
    boolean noneOnPath() {
        return onPath.isEmpty();
    }

    /** The clause after "before any CORS handling ran, ". */
    String clause() {
        if (!onPath.isEmpty()) {
            return "ahead of " + String.join(" and ", onPath);
        }
        if (!elsewhere.isEmpty()) {
            return "and no CORS filter is mapped to this path (the app maps " + String.join(" and ", elsewhere)
                    + " to other paths only)";
        }
        return "and no CORS filter of the app is present";
    }

    /** The {@code corsFilter} field of the JSON line. */
    String field() {
        if (!onPath.isEmpty()) {
            return String.join(", ", onPath);
        }
        return elsewhere.isEmpty() ? "none" : "none on this path; elsewhere: " + String.join(", ", elsewhere);
    }
}
