package io.corsagent.tests.ecosystem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.corsagent.tests.containers.ServerLine;
import io.corsagent.tests.containers.ServerProcess;

/**
 * The OpenTelemetry Java agent with its logging exporter: every span it ends is one line on the server's output,
 * e.g. {@code ... LoggingSpanExporter - 'OPTIONS' : <trace> <span> SERVER [tracer: io.opentelemetry.tomcat-7.0:...]
 * AttributesMap{data={http.response.status_code=204, url.path=/app/api/data, http.request.method=OPTIONS, ...}, ...}}.
 * It instruments the containers' own entry (Tomcat's {@code CoyoteAdapter}, Jetty's {@code Server#handle}, Undertow's
 * {@code Connectors}): see {@link #tracesPreflightsCorsAgentAnswers} for the requests cors-agent answers.
 */
final class OpenTelemetryAgent implements ApmAgent {

    private static final String SPAN_LINE = "io.opentelemetry.exporter.logging.LoggingSpanExporter - ";
    private static final Pattern ATTRIBUTES = Pattern.compile("AttributesMap\\{data=\\{([^}]*)}");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w.]+)=([^,]*)(?:, |$)");

    @Override
    public String name() {
        return "opentelemetry-javaagent " + Ecosystem.property("opentelemetry-javaagent.version");
    }

    @Override
    public List<String> jvmOptions() {
        return List.of(
                "-Dotel.service.name=cors-test",
                "-Dotel.traces.exporter=logging",
                "-Dotel.metrics.exporter=none",
                "-Dotel.logs.exporter=none",
                "-javaagent:" + Ecosystem.openTelemetryAgent());
    }

    @Override
    public List<ServerSpan> exportedServerSpans(ServerProcess server) {
        List<ServerSpan> spans = new ArrayList<>();
        for (String line : server.output()) {
            if (line.contains(SPAN_LINE) && line.contains(" SERVER [tracer: ")) {
                Map<String, String> attributes = attributes(line);
                spans.add(new ServerSpan(attributes.get("http.request.method"), attributes.get("url.path"),
                        Integer.parseInt(attributes.getOrDefault("http.response.status_code", "0"))));
            }
        }
        return spans;
    }

    /** The span's attributes as the logging exporter prints them (values written without quotes). */
    private static Map<String, String> attributes(String spanLine) {
        Matcher data = ATTRIBUTES.matcher(spanLine);
        if (!data.find()) {
            throw new AssertionError("no attributes in " + spanLine);
        }
        Map<String, String> attributes = new HashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(data.group(1));
        while (attribute.find()) {
            attributes.put(attribute.group(1), attribute.group(2));
        }
        return attributes;
    }

    /**
     * Its span starts in {@code CoyoteAdapter#service} on Tomcat and in {@code Connectors#executeRootHandler} on
     * Undertow, around cors-agent's entry hook. On Jetty 9.4 and 11 it starts in {@code Server#handle(String,
     * Request, ...)}, which cors-agent's entry hook, {@code Server#handle(HttpChannel)}, calls only for a request it
     * lets through: a preflight it answers has no span there, whichever agent the JVM loads first.
     */
    @Override
    public boolean tracesPreflightsCorsAgentAnswers(ServerLine line) {
        return !line.name().equals("jetty94") && !line.name().equals("jetty11");
    }

    @Override
    public boolean isErrorLine(String outputLine) {
        return outputLine.startsWith("[otel.javaagent ") && outputLine.contains("] ERROR ");
    }

    @Override
    public void close() {
        // Nothing of its own: it exports to the server's output.
    }

    @Override
    public String toString() {
        return name();
    }
}
