package io.corsagent.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One entry of {@code allowed-origins} or {@code public-origins} as written in the policy, checked at load time.
 *
 * <p>The accepted forms: {@code *}; {@code null}; an exact serialized origin of any scheme; a subdomain wildcard
 * {@code scheme://*.domain[:port|:*]} (one or more labels, never the apex); a port wildcard {@code scheme://host:*}.
 * An entry a browser could never send (upper case, a path, a trailing slash, a default port, user info, an IP
 * address spelled otherwise than browsers serialize it) is an error whose fix shows the corrected form. A wildcard
 * over a public suffix or over IP addresses is an error too: it would allow hosts nobody in particular controls.
 */
final class ConfiguredOrigin {

    enum Kind { ANY, NULL, EXACT, WILDCARD }

    /** Port of a wildcard entry: none written (the scheme's default). */
    static final int DEFAULT_PORT = -1;
    /** Port of a wildcard entry: {@code :*}, any port including the default. */
    static final int ANY_PORT = -3;

    final Kind kind;
    /** The entry as a browser would send it (EXACT), or as written (others). */
    final String text;
    final String scheme;
    /** EXACT: the host. WILDCARD: the host after {@code *.} when {@link #subdomains}, else the whole host. */
    final String host;
    final boolean subdomains;
    /** {@link #DEFAULT_PORT}, {@link #ANY_PORT} or a port number. */
    final int port;

    private ConfiguredOrigin(Kind kind, String text, String scheme, String host, boolean subdomains, int port) {
        this.kind = kind;
        this.text = text;
        this.scheme = scheme;
        this.host = host;
        this.subdomains = subdomains;
        this.port = port;
    }

    /** Whether a browser at this origin talks plain {@code http} to a non-loopback host (risky with credentials). */
    boolean isInsecureRemote() {
        if (kind != Kind.EXACT && kind != Kind.WILDCARD || !"http".equals(scheme) && !"ws".equals(scheme)) {
            return false;
        }
        return !(host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("[::1]"));
    }

    /** The outcome of reading one entry: the origin, or an error message with a fix. */
    static final class Parsed {
        final ConfiguredOrigin origin;
        final String error;
        final String fix;

        Parsed(ConfiguredOrigin origin, String error, String fix) {
            this.origin = origin;
            this.error = error;
            this.fix = fix;
        }
    }

    private static Parsed ok(ConfiguredOrigin origin) {
        return new Parsed(origin, null, null);
    }

    private static Parsed error(String message, String fix) {
        return new Parsed(null, message, fix);
    }

    /** @param entry one trimmed, non-empty list element */
    static Parsed parse(String entry) {
        if (entry.equals("*")) {
            return ok(new ConfiguredOrigin(Kind.ANY, entry, null, null, false, DEFAULT_PORT));
        }
        if (entry.equals("null")) {
            return ok(new ConfiguredOrigin(Kind.NULL, entry, null, null, false, DEFAULT_PORT));
        }
        if (entry.equalsIgnoreCase("null")) {
            return error("'" + entry + "' never matches: browsers send the opaque origin as null, in lower case",
                    "write null");
        }
        for (int i = 0; i < entry.length(); i++) {
            char c = entry.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return error("'" + entry + "' contains white space or a control character",
                        "separate origins with commas, one origin per entry");
            }
            if (c > 0x7e) {
                return error("'" + entry + "' is not ASCII: browsers send international domain names in punycode",
                        "write the host in its xn-- form");
            }
        }
        int separator = entry.indexOf("://");
        if (separator < 0) {
            return error("'" + entry + "' is not an origin: it has no scheme", "write https://" + entry);
        }
        String rawScheme = entry.substring(0, separator);
        if (!isScheme(rawScheme)) {
            return error("'" + entry + "' is not an origin: '" + rawScheme + "' is not a URL scheme",
                    "write scheme://host[:port], for example https://app.example.com");
        }
        String scheme = rawScheme.toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return error("browsers send Origin: null for file: pages, never '" + entry + "'",
                    "list null instead, knowing that sandboxed frames also send it");
        }
        List<String> issues = new ArrayList<>();
        if (!scheme.equals(rawScheme)) {
            issues.add("the scheme is in upper case");
        }
        String rest = entry.substring(separator + 3);
        int pathStart = firstOf(rest, "/?#");
        if (pathStart >= 0) {
            issues.add(rest.substring(pathStart).equals("/") ? "it ends with a slash" : "it has a path, query or fragment");
            rest = rest.substring(0, pathStart);
        }
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            issues.add("it has user info");
            rest = rest.substring(at + 1);
        }
        if (rest.indexOf('%') >= 0) {
            return error("'" + entry + "' contains a percent sign; a serialized origin never does",
                    "write the host as a browser sends it");
        }
        String rawHost;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                return error("'" + entry + "' has an unclosed IPv6 address", "write https://[::1]:8443 style addresses");
            }
            rawHost = rest.substring(0, close + 1);
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (after.charAt(0) != ':') {
                    return error("'" + entry + "' has text after its IPv6 address", "write https://[::1]:8443 style addresses");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = rest.lastIndexOf(':');
            rawHost = colon < 0 ? rest : rest.substring(0, colon);
            portText = colon < 0 ? null : rest.substring(colon + 1);
        }
        if (rawHost.isEmpty()) {
            return error("'" + entry + "' has no host", "write scheme://host[:port]");
        }
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (!host.equals(rawHost)) {
            issues.add("the host is in upper case");
        }
        boolean subdomains = host.startsWith("*.");
        String hostToCheck = subdomains ? host.substring(2) : host;
        if (hostToCheck.indexOf('*') >= 0 || host.equals("*")) {
            return error("'" + entry + "' uses * inside the host; * may only stand for the whole first label"
                    + " (https://*.example.com) or for the port (http://localhost:*)",
                    "write https://*.example.com or list the origins one by one");
        }
        if (subdomains && hostToCheck.startsWith("[")) {
            return error("'" + entry + "' puts a wildcard on an IP address", "list the addresses one by one");
        }
        String canonicalHost = host;
        if (host.startsWith("[")) {
            canonicalHost = IpLiterals.canonicalIpv6(host);
            if (canonicalHost == null) {
                return error("'" + entry + "' has an invalid host: not a valid IPv6 address",
                        "write the address as browsers do, such as " + scheme + "://[2001:db8::1]");
            }
        } else {
            String hostProblem = domainProblem(hostToCheck);
            if (hostProblem != null) {
                return error("'" + entry + "' has an invalid host: " + hostProblem, "write scheme://host[:port]");
            }
            if (IpLiterals.endsInNumber(hostToCheck)) {
                if (subdomains) {
                    return error("'" + entry + "' puts a wildcard on an IP address (a host that ends in a number is"
                            + " an IPv4 address to browsers)", "list the addresses one by one");
                }
                canonicalHost = IpLiterals.canonicalIpv4(host);
                if (canonicalHost == null) {
                    return error("'" + entry + "' has an invalid host: it ends in a number, so browsers read it as an"
                            + " IPv4 address, and it is not a valid one", "write the address as four numbers from 0"
                            + " to 255, such as " + scheme + "://10.0.0.1");
                }
            }
        }
        if (!canonicalHost.equals(host)) {
            issues.add("the IP address is not written as browsers serialize it");
        }
        int port = DEFAULT_PORT;
        String correctedPort = "";
        if (portText != null) {
            if (portText.equals("*")) {
                port = ANY_PORT;
                correctedPort = ":*";
            } else if (portText.isEmpty()) {
                issues.add("it ends with a colon but no port");
            } else {
                port = parsePort(portText);
                if (port < 0) {
                    return error("'" + entry + "' has an invalid port '" + portText + "' (1 to 65535)",
                            "write a port between 1 and 65535, or :* for any port");
                }
                if (portText.charAt(0) == '0') {
                    issues.add("the port has a leading zero");
                }
                if (port == SerializedOrigin.defaultPort(scheme, scheme.length())) {
                    issues.add("it names the default port " + port + ", which browsers omit");
                    port = DEFAULT_PORT;
                } else {
                    correctedPort = ":" + port;
                }
            }
        }
        String corrected = scheme + "://" + canonicalHost + correctedPort;
        if (!issues.isEmpty()) {
            return error("'" + entry + "' never matches because " + join(issues) + "; browsers send " + corrected,
                    "write " + corrected);
        }
        // A trailing dot names the same domain (the DNS root), and browsers send it as written: *.com. is *.com.
        if (subdomains && PublicSuffixes.isPublicSuffix(hostToCheck.endsWith(".")
                ? hostToCheck.substring(0, hostToCheck.length() - 1) : hostToCheck)) {
            return error("'" + entry + "' allows every site under the public suffix " + hostToCheck
                    + " (anyone can register a name there)",
                    "name your own domain, for example " + scheme + "://*.example." + hostToCheck);
        }
        if (subdomains || port == ANY_PORT) {
            return ok(new ConfiguredOrigin(Kind.WILDCARD, entry, scheme, hostToCheck, subdomains, port));
        }
        return ok(new ConfiguredOrigin(Kind.EXACT, corrected, scheme, host, false, port));
    }

    private static String join(List<String> issues) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < issues.size(); i++) {
            if (i > 0) {
                text.append(i == issues.size() - 1 ? " and " : ", ");
            }
            text.append(issues.get(i));
        }
        return text.toString();
    }

    private static boolean isScheme(String scheme) {
        if (scheme.isEmpty() || scheme.length() > 64 || !Character.isLetter(scheme.charAt(0))) {
            return false;
        }
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-'
                    || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static int firstOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** @param host lower case */
    private static String domainProblem(String host) {
        if (host.length() > 253) {
            return "longer than 253 characters";
        }
        if (host.startsWith(".") || host.contains("..")) {
            return "empty label";
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.')) {
                return "'" + c + "' is not allowed in a host name";
            }
        }
        return null;
    }

    private static int parsePort(String text) {
        if (text.length() > 5) {
            return -1;
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port >= 1 && port <= 65535 ? port : -1;
    }
}
