package io.corsagent.tests.ecosystem;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metrics as the OpenTelemetry logging exporter prints them, one line per metric and export: {@code ...
 * LoggingMetricExporter - metric: ImmutableMetricData{..., name=cors_agent.preflight.count, description=...,
 * unit={request}, type=LONG_SUM, data=ImmutableSumData{points=[ImmutableLongPointData{..., attributes={
 * cors_agent.decision="answered"}, value=3, ...}, ...], monotonic=true, ...}}}.
 */
final class LoggedMetrics {

    /** One metric of one export: its unit, type, whether it is monotonic, and each point's value by attributes. */
    record Metric(String unit, String type, boolean monotonic, Map<String, Long> points) {
        @Override
        public String toString() {
            return type + (monotonic ? " monotonic" : "") + " " + unit + " " + points;
        }
    }

    private static final String METRIC_LINE = "io.opentelemetry.exporter.logging.LoggingMetricExporter - metric: ";
    private static final Pattern HEAD = Pattern.compile(
            ", name=([^,]+), description=.*?, unit=([^,]*), type=(\\w+), data=");
    private static final Pattern POINT = Pattern.compile("attributes=\\{([^}]*)}, value=(\\d+)");

    private LoggedMetrics() {
    }

    /** The metric a line reports, by name, if the line is one of the exporter's and the name starts with the prefix. */
    static Map<String, Metric> parse(String line, String namePrefix) {
        Map<String, Metric> metrics = new TreeMap<>();
        int start = line.indexOf(METRIC_LINE);
        if (start < 0) {
            return metrics;
        }
        Matcher head = HEAD.matcher(line);
        if (!head.find(start) || !head.group(1).startsWith(namePrefix)) {
            return metrics;
        }
        Map<String, Long> points = new TreeMap<>();
        Matcher point = POINT.matcher(line);
        point.region(head.end(), line.length());
        while (point.find()) {
            points.put("{" + point.group(1) + "}", Long.parseLong(point.group(2)));
        }
        metrics.put(head.group(1), new Metric(head.group(2), head.group(3), line.contains(", monotonic=true,"), points));
        return metrics;
    }
}
