package io.corsagent.tools;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.corsagent.policy.LoadResult;
import io.corsagent.policy.PolicyKeys;
import io.corsagent.policy.PolicyLoader;
import io.corsagent.policy.PublicSuffixes;

/**
 * Writes a policy from observed traffic: each value with a comment saying why, and a warning instead of a value
 * wherever the traffic cannot tell what is right (a human must decide).
 *
 * <p>The evidence and how it is used:
 * <ul>
 *   <li>origins: every origin seen at least {@code minCount} times, except those that need a decision: {@code null},
 *       plain {@code http://} (loopback aside) with credentials (its requests carried them, or the app allowed
 *       them), one request only, every actual request answered only by the app reflecting its Origin, or refused
 *       by a policy in effect that names its origins;</li>
 *   <li>per-path rules: when origins were seen on some paths only (a path is its first two segments);</li>
 *   <li>a subdomain wildcard when at least {@link #WILDCARD_SIBLINGS} subdomains of one registrable domain were
 *       seen, never over a public suffix;</li>
 *   <li>methods and header names: those the kept origins' preflights asked for;</li>
 *   <li>credentials: whether the kept origins' requests carried {@code Cookie} or {@code Authorization}, or the app
 *       answered them with {@code Access-Control-Allow-Credentials: true};</li>
 *   <li>exposed headers: the response headers the app sent those origins besides the CORS-safelisted ones (a page
 *       reads no other unless they are exposed), and those the app exposed itself.</li>
 * </ul>
 */
public final class PolicySuggester {

    static final int WILDCARD_SIBLINGS = 5;
    /** More origins left out for one reason than this are one warning line, with a few examples. */
    static final int GROUP_AFTER = 5;
    private static final String BELOW_MIN_COUNT = "seen fewer than --min-count ";
    private static final Set<String> ALWAYS_ALLOWED = new TreeSet<>(Arrays.asList("GET", "HEAD", "POST"));
    private static final Set<String> NEVER_ALLOWED = new TreeSet<>(Arrays.asList("CONNECT", "TRACE", "TRACK"));
    /** Methods browsers upper-case: a lower-case spelling never reaches a server from a page. */
    private static final Set<String> NORMALISED = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    /** Longest path glob written: longer ones are left to the top-level rule. */
    private static final int MAX_GLOB = 48;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    static {
        NORMALISED.addAll(Arrays.asList("DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"));
    }

    private final ObservedTraffic traffic;
    private final int minCount;
    private final List<String> originWarnings = new ArrayList<>();
    /** The warnings of the policy being written: those about origins, then those its values raise. */
    private List<String> warnings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int suggested;

    public PolicySuggester(ObservedTraffic traffic, int minCount) {
        this.traffic = traffic;
        this.minCount = minCount;
    }

    /** The suggested policy file's text; it passes {@code check} (verified before it is returned). */
    public String suggest() {
        List<OriginTraffic> kept = new ArrayList<>();
        List<OriginTraffic> all = new ArrayList<>(traffic.origins());
        all.sort(Comparator.comparingLong(OriginTraffic::requests).reversed()
                .thenComparing(OriginTraffic::origin));
        Map<String, List<OriginTraffic>> leftOut = new LinkedHashMap<>();
        for (OriginTraffic origin : all) {
            String doubt = doubt(origin);
            if (doubt == null) {
                kept.add(origin);
            } else {
                leftOut.computeIfAbsent(doubt, d -> new ArrayList<>()).add(origin);
            }
        }
        for (Map.Entry<String, List<OriginTraffic>> doubt : leftOut.entrySet()) {
            List<String> lines = doubt.getKey().startsWith(BELOW_MIN_COUNT) ? notes : originWarnings;
            List<OriginTraffic> origins = doubt.getValue();
            if (origins.size() <= GROUP_AFTER) {
                for (OriginTraffic origin : origins) {
                    lines.add(origin.origin + " (" + seenText(origin) + "): " + doubt.getKey());
                }
            } else {
                // Many origins for one reason (a scan, random hostile origins): one line, not one each.
                List<String> examples = new ArrayList<>();
                for (OriginTraffic origin : origins.subList(0, GROUP_AFTER)) {
                    examples.add(origin.origin);
                }
                lines.add(origins.size() + " origins, each: " + doubt.getKey() + " (e.g. " + String.join(", ", examples)
                        + ", ...)");
            }
        }
        suggested = kept.size();
        String withPaths = write(kept, true);
        if (check(withPaths)) {
            return withPaths;
        }
        // The path globs made the policy invalid (two that overlap, say): one rule for every path instead.
        originWarnings.add("the per-path rules did not pass check; every origin is in the top-level rule instead");
        String flat = write(kept, false);
        if (!check(flat)) {
            throw new IllegalStateException("suggested policy fails check:\n" + flat);
        }
        return flat;
    }

    /** The origins the policy allows (after {@link #suggest()}). */
    public int suggestedOrigins() {
        return suggested;
    }

    /** The warnings written into the policy, one line each, for a human to decide. */
    public List<String> warnings() {
        return warnings;
    }

    private static boolean check(String policy) {
        LoadResult result = PolicyLoader.parse("suggested.properties", policy);
        return result.isValid();
    }

    /** @return why the origin is not simply suggested (the same text for the same reason), or {@code null} */
    private String doubt(OriginTraffic o) {
        if (o.requests < minCount) {
            return BELOW_MIN_COUNT + minCount + " times; left out";
        }
        if (o.origin.equals("null")) {
            return "sandboxed iframes, file: pages and some redirects send the origin null, and any site can make a"
                    + " browser send it; left out. Add null to allowed-origins only if such a page of yours must call"
                    + " this app";
        }
        if (o.requests == 1) {
            return "a single request; left out. Add it if it is one of your frontends";
        }
        if (traffic.policyNamesOrigins() && o.allowedByPolicy == 0) {
            return "the policy in effect refused every request of it; left out. Add it only if it is one of your"
                    + " frontends";
        }
        long actual = o.requests - o.preflights;
        if (actual > 0 && o.reflected == actual && o.preflights == 0) {
            return "the app answered it only by reflecting its Origin, as it would answer any site; left out. Add it"
                    + " only if it is one of your frontends";
        }
        if ((o.credentialed > 0 || o.appCredentials) && o.origin.startsWith("http://") && !isLoopback(o.origin)) {
            return "plain http:// with credentials (its requests carried Cookie or Authorization, or the app allowed"
                    + " them), which anyone on the network can impersonate; left out. Serve that frontend over https,"
                    + " or add it knowingly";
        }
        return null;
    }

    private static boolean isLoopback(String origin) {
        String host = host(origin);
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("[::1]");
    }

    private String write(List<OriginTraffic> kept, boolean pathRules) {
        warnings = new ArrayList<>(originWarnings);
        String body = body(kept, pathRules);
        StringBuilder policy = new StringBuilder();
        policy.append("# cors-agent policy suggested from observed CORS traffic: ").append(traffic.requests())
                .append(" request(s) from ").append(traffic.origins().size()).append(" origin(s)");
        if (traffic.requests() > 0) {
            policy.append(", ").append(TIME.format(Instant.ofEpochMilli(traffic.since()))).append(" to ")
                    .append(TIME.format(Instant.ofEpochMilli(traffic.at())));
        }
        if (traffic.summaries() > 1) {
            policy.append(", ").append(traffic.summaries()).append(" JVM runs");
        }
        policy.append(".\n# Decide every WARNING below, check the file (java -jar cors-agent.jar check <file>) and run"
                + " it in audit mode first.\n");
        if (traffic.others() > 0) {
            warn(policy, traffic.others() + " request(s) came from origins beyond the agent's limit of distinct origins"
                    + " (or not among the most frequent ones) and are not listed here");
        }
        for (String warning : warnings) {
            warn(policy, warning);
        }
        for (String note : notes) {
            policy.append("# not suggested: ").append(note).append('\n');
        }
        return policy.append('\n').append(body).toString();
    }

    private String body(List<OriginTraffic> kept, boolean pathRules) {
        StringBuilder policy = new StringBuilder();
        Set<String> keptPaths = new TreeSet<>();
        for (OriginTraffic o : kept) {
            keptPaths.addAll(o.paths);
        }
        Map<String, List<OriginTraffic>> byPath = pathRules ? byPath(kept, keptPaths) : new TreeMap<>();
        List<OriginTraffic> everywhere = new ArrayList<>();
        for (OriginTraffic o : kept) {
            if (!pathRules || !isPathBound(o, keptPaths)) {
                everywhere.add(o);
            }
        }
        if (kept.isEmpty()) {
            policy.append("# allowed-origins: no origin to suggest (see the warnings above); no cross-origin caller is"
                    + " allowed until you add one\n");
        } else {
            origins(policy, PolicyKeys.ALLOWED_ORIGINS, everywhere, byPath.isEmpty() ? "" : " on every path");
        }
        methods(policy, kept);
        headers(policy, kept);
        credentials(policy, kept);
        exposed(policy, kept);
        for (Map.Entry<String, List<OriginTraffic>> path : byPath.entrySet()) {
            List<OriginTraffic> here = new ArrayList<>(everywhere);
            for (OriginTraffic o : path.getValue()) {
                if (!here.contains(o)) {
                    here.add(o);
                }
            }
            policy.append('\n');
            origins(policy, PolicyKeys.PATH_PREFIX + path.getKey() + "/**." + PolicyKeys.ALLOWED_ORIGINS, here,
                    " on " + path.getKey() + "/**");
        }
        return policy.toString();
    }

    private static void warn(StringBuilder policy, String warning) {
        policy.append("# WARNING: ").append(warning).append('\n');
    }

    /** Origins seen on some paths only, by path; empty when every origin was seen on every path. */
    private static Map<String, List<OriginTraffic>> byPath(List<OriginTraffic> kept, Set<String> keptPaths) {
        Map<String, List<OriginTraffic>> byPath = new TreeMap<>();
        for (OriginTraffic o : kept) {
            if (isPathBound(o, keptPaths)) {
                for (String path : o.paths) {
                    byPath.computeIfAbsent(path, p -> new ArrayList<>()).add(o);
                }
            }
        }
        return byPath;
    }

    /**
     * Whether an origin was seen on some of the suggested origins' paths only. An origin seen on all of them (or on
     * more paths than the agent keeps, or on a path no glob can safely name) goes in the top-level rule.
     */
    private static boolean isPathBound(OriginTraffic o, Set<String> keptPaths) {
        if (o.pathsIncomplete || o.paths.isEmpty()) {
            return false;
        }
        for (String path : o.paths) {
            if (!isGlobSafe(path)) {
                return false;
            }
        }
        return !o.paths.containsAll(keptPaths);
    }

    private static boolean isGlobSafe(String path) {
        if (path.length() > MAX_GLOB || path.equals("/")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c >= 0x7f || "*?\\#!=:,".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private void origins(StringBuilder policy, String key, List<OriginTraffic> origins, String where) {
        if (origins.isEmpty()) {
            policy.append("# ").append(key).append(": no origin was seen").append(where).append('\n');
            return;
        }
        List<String> values = new ArrayList<>();
        Map<String, List<OriginTraffic>> wildcards = wildcards(origins);
        for (Map.Entry<String, List<OriginTraffic>> wildcard : wildcards.entrySet()) {
            List<OriginTraffic> siblings = wildcard.getValue();
            long requests = 0;
            for (OriginTraffic o : siblings) {
                requests += o.requests;
            }
            policy.append("# ").append(wildcard.getKey()).append(": ").append(siblings.size())
                    .append(" sibling subdomains seen").append(where).append(", ").append(requests)
                    .append(" request(s), e.g. ").append(siblings.get(0).origin).append(", ")
                    .append(siblings.get(1).origin).append('\n');
            values.add(wildcard.getKey());
        }
        for (OriginTraffic o : origins) {
            if (!covered(wildcards, o)) {
                policy.append("# ").append(o.origin).append(": ").append(seenText(o)).append(where).append('\n');
                values.add(o.origin);
            }
        }
        policy.append(key).append(" = ").append(String.join(", ", values)).append('\n');
    }

    private static boolean covered(Map<String, List<OriginTraffic>> wildcards, OriginTraffic o) {
        for (List<OriginTraffic> siblings : wildcards.values()) {
            if (siblings.contains(o)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code scheme://*.domain} for each registrable domain (not itself a public suffix) of which at least
     * {@link #WILDCARD_SIBLINGS} subdomains were seen, with the same scheme and no port.
     */
    private static Map<String, List<OriginTraffic>> wildcards(List<OriginTraffic> origins) {
        Map<String, List<OriginTraffic>> groups = new LinkedHashMap<>();
        for (OriginTraffic o : origins) {
            int schemeEnd = o.origin.indexOf("://");
            if (schemeEnd < 0 || o.origin.indexOf(':', schemeEnd + 3) >= 0) {
                continue;
            }
            String host = host(o.origin);
            String domain = registrableDomain(host);
            if (domain == null || domain.equals(host)) {
                continue;
            }
            groups.computeIfAbsent(o.origin.substring(0, schemeEnd) + "://*." + domain, k -> new ArrayList<>()).add(o);
        }
        groups.values().removeIf(siblings -> siblings.size() < WILDCARD_SIBLINGS);
        return groups;
    }

    /**
     * The registrable domain of a host name (one label below its public suffix), or {@code null} for an IP address
     * or a host that is itself a public suffix.
     */
    static String registrableDomain(String host) {
        if (host.isEmpty() || host.startsWith("[") || Character.isDigit(host.charAt(host.length() - 1))) {
            return null;
        }
        String[] labels = host.split("\\.");
        for (int i = labels.length - 1; i >= 0; i--) {
            String suffix = String.join(".", Arrays.asList(labels).subList(i, labels.length));
            if (!PublicSuffixes.isPublicSuffix(suffix)) {
                return suffix;
            }
        }
        return null;
    }

    private static String host(String origin) {
        int start = origin.indexOf("://");
        if (start < 0) {
            return origin;
        }
        start += 3;
        int end = origin.startsWith("[", start) ? origin.indexOf(']', start) + 1 : origin.indexOf(':', start);
        return origin.substring(start, end <= 0 ? origin.length() : end);
    }

    private void methods(StringBuilder policy, List<OriginTraffic> kept) {
        Map<String, List<String>> methods = new TreeMap<>();
        for (OriginTraffic o : kept) {
            for (String method : o.preflightMethods) {
                if (ALWAYS_ALLOWED.contains(method)) {
                    continue;
                }
                if (NEVER_ALLOWED.contains(method.toUpperCase(Locale.ROOT))) {
                    warnings.add(o.origin + " asked for " + method + ", which no policy may allow; left out");
                    continue;
                }
                if (NORMALISED.contains(method) && !method.equals(method.toUpperCase(Locale.ROOT))) {
                    continue;
                }
                methods.computeIfAbsent(method, m -> new ArrayList<>()).add(o.origin);
            }
        }
        policy.append('\n');
        if (methods.isEmpty()) {
            policy.append("# allowed-methods: no preflight asked for a method besides GET, HEAD and POST\n");
            return;
        }
        for (Map.Entry<String, List<String>> method : methods.entrySet()) {
            policy.append("# ").append(method.getKey()).append(": asked for by preflights of ")
                    .append(String.join(", ", method.getValue())).append('\n');
        }
        policy.append(PolicyKeys.ALLOWED_METHODS).append(" = ").append(String.join(", ", methods.keySet()))
                .append('\n');
    }

    private void headers(StringBuilder policy, List<OriginTraffic> kept) {
        Map<String, List<String>> headers = new TreeMap<>();
        for (OriginTraffic o : kept) {
            for (String header : o.requestedHeaders) {
                headers.computeIfAbsent(header, h -> new ArrayList<>()).add(o.origin);
            }
            if (o.headersIncomplete) {
                warnings.add(o.origin + " asked for more header names than the agent keeps (or for names no browser"
                        + " sends); only those kept are listed");
            }
        }
        policy.append('\n');
        if (headers.isEmpty()) {
            policy.append("# allowed-headers: no preflight asked for a request header\n");
            return;
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            policy.append("# ").append(header.getKey()).append(": asked for by preflights of ")
                    .append(String.join(", ", header.getValue())).append('\n');
        }
        policy.append(PolicyKeys.ALLOWED_HEADERS).append(" = ").append(String.join(", ", headers.keySet()))
                .append('\n');
    }

    private static void credentials(StringBuilder policy, List<OriginTraffic> kept) {
        policy.append('\n');
        long checked = 0;
        List<String> answered = new ArrayList<>();
        boolean carried = false;
        for (OriginTraffic o : kept) {
            checked += o.credentialsChecked;
            if (o.credentialed > 0) {
                carried = true;
                policy.append("# ").append(o.origin).append(": ").append(o.credentialed).append(" of ")
                        .append(o.credentialsChecked)
                        .append(" request(s) checked carried Cookie or Authorization, first ")
                        .append(time(o.credentialedFirst)).append(", last ").append(time(o.credentialedLast))
                        .append('\n');
            }
            if (o.appCredentials) {
                answered.add(o.origin);
            }
        }
        if (!answered.isEmpty()) {
            policy.append("# the app answered ").append(String.join(", ", answered))
                    .append(" with Access-Control-Allow-Credentials: true (cookies or HTTP authentication)\n");
        }
        if (carried || !answered.isEmpty()) {
            policy.append(PolicyKeys.ALLOW_CREDENTIALS).append(" = true\n");
            return;
        }
        policy.append("# allow-credentials: ").append(checked == 0 ? "no actual request was checked for credentials"
                : "none of the " + checked + " request(s) checked carried Cookie or Authorization")
                .append(", and the app never answered these origins with Access-Control-Allow-Credentials: true\n");
        policy.append(PolicyKeys.ALLOW_CREDENTIALS).append(" = false\n");
    }

    private void exposed(StringBuilder policy, List<OriginTraffic> kept) {
        long checked = 0;
        Map<String, Long> sent = new TreeMap<>();
        Map<String, List<String>> sentTo = new TreeMap<>();
        Set<String> byApp = new TreeSet<>();
        for (OriginTraffic o : kept) {
            checked += o.responsesChecked;
            for (Map.Entry<String, Long> name : o.responseHeaders.entrySet()) {
                sent.merge(name.getKey(), name.getValue(), Long::sum);
                sentTo.computeIfAbsent(name.getKey(), n -> new ArrayList<>()).add(o.origin);
            }
            byApp.addAll(o.appExposed);
            if (o.responseHeadersIncomplete) {
                warnings.add(o.origin + " was sent more response header names than the agent keeps (or names no app"
                        + " sends); only those kept are listed in exposed-headers");
            }
        }
        byApp.remove("*");
        Set<String> names = new TreeSet<>(sent.keySet());
        names.addAll(byApp);
        policy.append('\n');
        if (names.isEmpty() && checked == 0) {
            // The container's hook does not pass the response's other header names, or no actual request was answered.
            warnings.add("exposed-headers: the agent saw the names of no response header the app sent these origins"
                    + " (the hook of this container may not report them); add those your frontends read (e.g. a"
                    + " request id)");
            policy.append("# exposed-headers: none seen (see the warnings at the top)\n");
            return;
        }
        if (names.isEmpty()) {
            policy.append("# exposed-headers: the app sent no header besides the CORS-safelisted ones on the ")
                    .append(checked).append(" CORS response(s) checked, and exposed none itself\n");
            return;
        }
        policy.append("# exposed-headers: a page reads only these response headers besides the CORS-safelisted ones;"
                + " keep those your frontends read\n");
        for (String name : names) {
            policy.append("# ").append(name).append(": ");
            Long count = sent.get(name);
            if (count != null) {
                policy.append("sent by the app on ").append(count).append(" of ").append(checked)
                        .append(" CORS response(s) checked, to ").append(String.join(", ", sentTo.get(name)));
            }
            if (byApp.contains(name)) {
                policy.append(count != null ? "; " : "").append("exposed by the app itself");
            }
            policy.append('\n');
        }
        policy.append(PolicyKeys.EXPOSED_HEADERS).append(" = ").append(String.join(", ", names)).append('\n');
    }

    static String time(long millis) {
        return TIME.format(Instant.ofEpochMilli(millis));
    }

    private static String seenText(OriginTraffic o) {
        StringBuilder text = new StringBuilder();
        text.append(o.requests).append(" request(s)");
        if (o.preflights > 0) {
            text.append(", ").append(o.preflights).append(" preflight(s)");
        }
        if (o.first > 0) {
            text.append(", first ").append(time(o.first)).append(", last ").append(time(o.last));
        }
        if (!o.paths.isEmpty()) {
            text.append(", paths ").append(String.join(" ", limit(o.paths, 5)));
        }
        return text.toString();
    }

    private static List<String> limit(Collection<String> names, int max) {
        List<String> limited = new ArrayList<>();
        for (String name : names) {
            if (limited.size() == max) {
                limited.add("...");
                break;
            }
            limited.add(name);
        }
        return limited;
    }
}
