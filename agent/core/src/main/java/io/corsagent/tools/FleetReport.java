package io.corsagent.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.corsagent.log.JsonLinesWriter;

/**
 * {@code report}: one row per application from the JSON logs of many JVMs (one file per app, or one stream whose
 * lines carry an {@code app} field): its misordered auth filters, the unsafe CORS answers of the app itself, the
 * preflights the agent answers or refuses (or would), its CORS traffic, and whether a policy can be suggested.
 * Findings are logged once each, so the counts are of distinct findings.
 */
public final class FleetReport {

    /** One application's row. */
    public static final class Row {
        final String app;
        final TreeSet<String> misorderedAuth = new TreeSet<>();
        int reflectsOrigin;
        int wildcardWithCredentials;
        int preflightsAnswered;
        int preflightsRefused;
        String mode = "?";
        long corsRequests;
        int origins;
        String suggest = "no traffic summary";

        Row(String app) {
            this.app = app;
        }
    }

    private final Map<String, Row> rows = new TreeMap<>();

    public static FleetReport read(List<Path> files) throws IOException {
        FleetReport report = new FleetReport();
        ObservedTraffic.Runs runs = new ObservedTraffic.Runs();
        for (Path file : files) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                    Map<String, Object> line = JsonParser.objectOrNull(text);
                    if (line != null) {
                        String app = ObservedTraffic.appOf(line, file);
                        report.count(report.rows.computeIfAbsent(app, Row::new), line);
                        runs.offer(app, line);
                    }
                }
            }
        }
        for (Row row : report.rows.values()) {
            ObservedTraffic traffic = runs.traffic(row.app);
            if (traffic.summaries() == 0) {
                continue;
            }
            row.corsRequests = traffic.requests();
            row.origins = traffic.origins().size();
            if (traffic.requests() == 0) {
                row.suggest = "no CORS traffic yet";
                continue;
            }
            PolicySuggester suggester = new PolicySuggester(traffic, 1);
            suggester.suggest();
            row.suggest = suggester.suggestedOrigins() == 0 ? "nothing to suggest ("
                    + suggester.warnings().size() + " warnings)"
                    : "ready: " + suggester.suggestedOrigins() + " origin(s), " + suggester.warnings().size()
                    + " warning(s)";
        }
        return report;
    }

    private void count(Row row, Map<String, Object> line) {
        Object finding = line.get("finding");
        Object message = line.get("message");
        if (finding == null) {
            if (message instanceof String && ((String) message).startsWith("policy in effect: mode ")) {
                row.mode = ((String) message).substring("policy in effect: mode ".length()).split("[ ,]")[0];
            }
            return;
        }
        switch (String.valueOf(finding)) {
            case "misordered-auth":
                row.misorderedAuth.add(String.valueOf(line.get("culprit")));
                break;
            case "app-reflects-origin":
                row.reflectsOrigin++;
                break;
            case "app-wildcard-with-credentials":
                row.wildcardWithCredentials++;
                break;
            case "preflight-would-answer":
                row.preflightsAnswered++;
                break;
            case "preflight-would-refuse":
            case "preflight-refused":
                row.preflightsRefused++;
                break;
            default:
                break;
        }
    }

    public List<Row> rows() {
        return new ArrayList<>(rows.values());
    }

    /** The table for people. */
    public String table() {
        String[] header = {"APP", "MODE", "MISORDERED AUTH", "REFLECTS ORIGIN", "* + CREDENTIALS", "PREFLIGHTS OK/403",
            "CORS REQUESTS", "SUGGESTED POLICY"};
        List<String[]> lines = new ArrayList<>();
        lines.add(header);
        for (Row row : rows.values()) {
            lines.add(new String[] {row.app, row.mode,
                row.misorderedAuth.isEmpty() ? "0" : row.misorderedAuth.size() + " " + simpleNames(row.misorderedAuth),
                String.valueOf(row.reflectsOrigin), String.valueOf(row.wildcardWithCredentials),
                row.preflightsAnswered + "/" + row.preflightsRefused,
                row.corsRequests + " from " + row.origins + " origin(s)", row.suggest});
        }
        int[] widths = new int[header.length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                text.append(String.format("%-" + widths[i] + "s", line[i])).append(i + 1 < line.length ? "  " : "");
            }
            table.append(text.toString().trim()).append('\n');
        }
        table.append("(counts of distinct findings: each is logged once per JVM; PREFLIGHTS: answered/refused, or"
                + " would be in audit mode)\n");
        return table.toString();
    }

    private static String simpleNames(TreeSet<String> classes) {
        List<String> names = new ArrayList<>();
        for (String name : classes) {
            names.add(name.substring(name.lastIndexOf('.') + 1));
        }
        return "(" + String.join(", ", names) + ")";
    }

    /** The report as one JSON array, one object per app. */
    public String json() {
        StringBuilder json = new StringBuilder("[");
        for (Row row : rows.values()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"app\":");
            JsonLinesWriter.quote(json, row.app);
            json.append(",\"mode\":");
            JsonLinesWriter.quote(json, row.mode);
            json.append(",\"misorderedAuth\":[");
            int i = 0;
            for (String culprit : row.misorderedAuth) {
                json.append(i++ > 0 ? "," : "");
                JsonLinesWriter.quote(json, culprit);
            }
            json.append("],\"reflectsOrigin\":").append(row.reflectsOrigin)
                    .append(",\"wildcardWithCredentials\":").append(row.wildcardWithCredentials)
                    .append(",\"preflightsAnswered\":").append(row.preflightsAnswered)
                    .append(",\"preflightsRefused\":").append(row.preflightsRefused)
                    .append(",\"corsRequests\":").append(row.corsRequests)
                    .append(",\"origins\":").append(row.origins)
                    .append(",\"suggestedPolicy\":");
            JsonLinesWriter.quote(json, row.suggest);
            json.append('}');
        }
        return json.append("]\n").toString();
    }
}
