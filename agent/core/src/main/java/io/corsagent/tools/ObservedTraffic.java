package io.corsagent.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.corsagent.observe.TrafficObservations;

/**
 * The CORS traffic one or several agents saw, read from their traffic summaries (see {@link TrafficObservations}):
 * from a running JVM's system property, or from the {@code observed} lines of JSON logs. Summaries of several JVMs
 * are merged by origin.
 */
public final class ObservedTraffic {

    private final Map<String, OriginTraffic> origins = new LinkedHashMap<>();
    private long requests;
    private long others;
    private long malformed;
    private long since = Long.MAX_VALUE;
    private long at;
    private boolean policyNamesOrigins;
    private int summaries;

    /** An empty summary, to which {@link #add} adds. */
    public ObservedTraffic() {
    }

    /** @throws IllegalArgumentException when the text is not a summary of a version this reader knows */
    public static ObservedTraffic of(String snapshotJson) {
        ObservedTraffic traffic = new ObservedTraffic();
        traffic.add(snapshotJson);
        return traffic;
    }

    /**
     * The latest summary of each JVM run in JSON logs (a summary is cumulative since its agent started), merged.
     * A JVM run is its {@code app} field (or the file, for lines without one) and its summary's start time.
     */
    public static ObservedTraffic fromLogs(List<Path> files) throws IOException {
        Runs runs = new Runs();
        for (Path file : files) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    Map<String, Object> json = JsonParser.objectOrNull(line);
                    if (json != null) {
                        runs.offer(appOf(json, file), json);
                    }
                }
            }
        }
        return runs.traffic(null);
    }

    /** A log line's {@code app} field, or for lines without one, the file it is in. */
    static String appOf(Map<String, Object> line, Path file) {
        return line.get("app") instanceof String ? (String) line.get("app") : file.toString();
    }

    /** The latest traffic summary of each JVM run (app and start time) among log lines. */
    static final class Runs {
        private final Map<String, Map<String, Object>> latest = new LinkedHashMap<>();
        private final Map<String, String> appOfRun = new LinkedHashMap<>();

        /** Takes the line if it is a traffic summary. */
        void offer(String app, Map<String, Object> line) {
            if (!TrafficObservations.FINDING.equals(line.get("finding"))) {
                return;
            }
            Object snapshot = line.get(TrafficObservations.FINDING);
            Map<String, Object> parsed = snapshot instanceof String ? JsonParser.objectOrNull((String) snapshot) : null;
            if (parsed == null) {
                return;
            }
            String run = app + "|" + parsed.get("since");
            Map<String, Object> before = latest.get(run);
            if (before == null || number(before, "at") <= number(parsed, "at")) {
                latest.put(run, parsed);
                appOfRun.put(run, app);
            }
        }

        /** The runs of one app merged, or of every app for {@code null}. */
        ObservedTraffic traffic(String app) {
            ObservedTraffic traffic = new ObservedTraffic();
            for (Map.Entry<String, Map<String, Object>> run : latest.entrySet()) {
                if (app == null || app.equals(appOfRun.get(run.getKey()))) {
                    traffic.add(run.getValue());
                }
            }
            return traffic;
        }
    }

    /** Adds one more summary (another JVM's), merging origins seen by both. */
    public void add(String snapshotJson) {
        Map<String, Object> json = JsonParser.objectOrNull(snapshotJson);
        if (json == null) {
            throw new IllegalArgumentException("not a cors-agent traffic summary");
        }
        add(json);
    }

    @SuppressWarnings("unchecked")
    private void add(Map<String, Object> json) {
        if (number(json, "version") != TrafficObservations.VERSION) {
            throw new IllegalArgumentException("traffic summary version " + json.get("version")
                    + ", this cors-agent reads version " + TrafficObservations.VERSION);
        }
        summaries++;
        requests += number(json, "requests");
        others += number(json, "others");
        malformed += number(json, "malformed");
        since = Math.min(since, number(json, "since"));
        at = Math.max(at, number(json, "at"));
        policyNamesOrigins |= Boolean.TRUE.equals(json.get("policyNamesOrigins"));
        Object list = json.get("origins");
        if (list instanceof List) {
            for (Object item : (List<?>) list) {
                if (item instanceof Map && ((Map<String, Object>) item).get("origin") instanceof String) {
                    OriginTraffic origin = OriginTraffic.of((Map<String, Object>) item);
                    OriginTraffic known = origins.get(origin.origin);
                    if (known == null) {
                        origins.put(origin.origin, origin);
                    } else {
                        known.merge(origin);
                    }
                }
            }
        }
    }

    static long number(Map<String, Object> json, String field) {
        Object value = json.get(field);
        return value instanceof Number ? ((Number) value).longValue() : 0;
    }

    static String text(Map<String, Object> json, String field) {
        Object value = json.get(field);
        return value instanceof String ? (String) value : null;
    }

    public Collection<OriginTraffic> origins() {
        return new ArrayList<>(origins.values());
    }

    /** CORS requests, all origins. */
    public long requests() {
        return requests;
    }

    /** Requests from origins beyond the agent's limit, not in {@link #origins()}. */
    public long others() {
        return others;
    }

    public long malformed() {
        return malformed;
    }

    public long since() {
        return since;
    }

    public long at() {
        return at;
    }

    /** Whether a policy in effect listed origins: its refusals then say whose traffic it did not expect. */
    public boolean policyNamesOrigins() {
        return policyNamesOrigins;
    }

    /** How many summaries (JVM runs) this is made of. */
    public int summaries() {
        return summaries;
    }
}
