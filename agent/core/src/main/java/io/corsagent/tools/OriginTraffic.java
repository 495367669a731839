package io.corsagent.tools;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the agent (or several agents, merged) saw of one origin, as read back from its traffic summary. */
public final class OriginTraffic {

    final String origin;
    long requests;
    long preflights;
    long first;
    long last;
    long allowedByPolicy;
    long appAllowed;
    long reflected;
    boolean appCredentials;
    final TreeSet<String> preflightMethods = new TreeSet<>();
    final TreeSet<String> actualMethods = new TreeSet<>();
    final TreeSet<String> requestedHeaders = new TreeSet<>();
    final TreeSet<String> paths = new TreeSet<>();
    final TreeSet<String> appExposed = new TreeSet<>();
    boolean pathsIncomplete;
    boolean headersIncomplete;
    /** Actual requests whose credentials the agent looked at, and those that carried Cookie or Authorization. */
    long credentialsChecked;
    long credentialed;
    /** When a request with credentials was first and last seen; 0 when none was. */
    long credentialedFirst;
    long credentialedLast;
    /** Responses whose header names the agent looked at; the names the app sent on them, each with its count. */
    long responsesChecked;
    final TreeMap<String, Long> responseHeaders = new TreeMap<>();
    boolean responseHeadersIncomplete;

    OriginTraffic(String origin) {
        this.origin = origin;
    }

    static OriginTraffic of(Map<String, Object> json) {
        OriginTraffic traffic = new OriginTraffic(ObservedTraffic.text(json, "origin"));
        traffic.requests = ObservedTraffic.number(json, "requests");
        traffic.preflights = ObservedTraffic.number(json, "preflights");
        traffic.first = ObservedTraffic.number(json, "first");
        traffic.last = ObservedTraffic.number(json, "last");
        traffic.allowedByPolicy = ObservedTraffic.number(json, "allowedByPolicy");
        traffic.appAllowed = ObservedTraffic.number(json, "appAllowed");
        traffic.reflected = ObservedTraffic.number(json, "reflected");
        traffic.appCredentials = Boolean.TRUE.equals(json.get("appCredentials"));
        names(json, "preflightMethods", traffic.preflightMethods);
        names(json, "actualMethods", traffic.actualMethods);
        names(json, "requestedHeaders", traffic.requestedHeaders);
        names(json, "paths", traffic.paths);
        names(json, "appExposed", traffic.appExposed);
        traffic.pathsIncomplete = Boolean.TRUE.equals(json.get("pathsIncomplete"));
        traffic.headersIncomplete = Boolean.TRUE.equals(json.get("requestedHeadersIncomplete"));
        traffic.credentialsChecked = ObservedTraffic.number(json, "credentialsChecked");
        traffic.credentialed = ObservedTraffic.number(json, "credentialed");
        traffic.credentialedFirst = ObservedTraffic.number(json, "credentialedFirst");
        traffic.credentialedLast = ObservedTraffic.number(json, "credentialedLast");
        traffic.responsesChecked = ObservedTraffic.number(json, "responsesChecked");
        Object sent = json.get("responseHeaders");
        if (sent instanceof Map) {
            for (Map.Entry<?, ?> name : ((Map<?, ?>) sent).entrySet()) {
                if (name.getValue() instanceof Number) {
                    traffic.responseHeaders.put((String) name.getKey(), ((Number) name.getValue()).longValue());
                }
            }
        }
        traffic.responseHeadersIncomplete = Boolean.TRUE.equals(json.get("responseHeadersIncomplete"));
        return traffic;
    }

    private static void names(Map<String, Object> json, String field, TreeSet<String> into) {
        Object value = json.get(field);
        if (value instanceof List) {
            for (Object name : (List<?>) value) {
                if (name instanceof String) {
                    into.add((String) name);
                }
            }
        }
    }

    /** Adds what another JVM (or a later snapshot of another run) saw of the same origin. */
    void merge(OriginTraffic other) {
        first = requests == 0 ? other.first : Math.min(first, other.first);
        last = Math.max(last, other.last);
        requests += other.requests;
        preflights += other.preflights;
        allowedByPolicy += other.allowedByPolicy;
        appAllowed += other.appAllowed;
        reflected += other.reflected;
        appCredentials |= other.appCredentials;
        preflightMethods.addAll(other.preflightMethods);
        actualMethods.addAll(other.actualMethods);
        requestedHeaders.addAll(other.requestedHeaders);
        paths.addAll(other.paths);
        appExposed.addAll(other.appExposed);
        pathsIncomplete |= other.pathsIncomplete;
        headersIncomplete |= other.headersIncomplete;
        credentialedFirst = credentialed == 0 ? other.credentialedFirst
                : other.credentialed == 0 ? credentialedFirst : Math.min(credentialedFirst, other.credentialedFirst);
        credentialedLast = Math.max(credentialedLast, other.credentialedLast);
        credentialsChecked += other.credentialsChecked;
        credentialed += other.credentialed;
        responsesChecked += other.responsesChecked;
        other.responseHeaders.forEach((name, count) -> responseHeaders.merge(name, count, Long::sum));
        responseHeadersIncomplete |= other.responseHeadersIncomplete;
    }

    public String origin() {
        return origin;
    }

    public long requests() {
        return requests;
    }
}
