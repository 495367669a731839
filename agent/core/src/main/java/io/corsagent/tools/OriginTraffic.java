package io.corsagent.tools;

import java.util.List;
import java.util.Map;
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
    }

    public String origin() {
        return origin;
    }

    public long requests() {
        return requests;
    }
}
