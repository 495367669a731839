package io.corsagent.policy;

/**
 * What the {@link #POLICY} line allows, written the obvious way (split, equals, no index, no hashing): the
 * independent reference that the matcher, and the engine's echo, must agree with exactly.
 */
public final class OriginMatchingOracle {

    /** The allowed origins: an exact origin, a subdomain wildcard, a port wildcard, a wildcard with a port, a custom scheme. */
    public static final String POLICY = "allowed-origins = https://app.example.net, https://*.example.com,"
            + " http://localhost:*, https://*.corp.example.org:8443, capacitor://localhost\n";

    private OriginMatchingOracle() {
    }

    public static boolean allows(String origin) {
        if (origin.length() > SerializedOrigin.MAX_LENGTH) {
            return false;
        }
        if (origin.equals("https://app.example.net") || origin.equals("capacitor://localhost")
                || origin.equals("http://localhost")) {
            return true;
        }
        if (origin.startsWith("http://localhost:")) {
            return isPort(origin.substring("http://localhost:".length()), 80);
        }
        if (origin.startsWith("https://") && origin.endsWith(".example.com")) {
            return isSubdomainOf(origin.substring("https://".length()), "example.com");
        }
        if (origin.startsWith("https://") && origin.endsWith(".corp.example.org:8443")) {
            String host = origin.substring("https://".length(), origin.length() - ":8443".length());
            return isSubdomainOf(host, "corp.example.org");
        }
        return false;
    }

    private static boolean isSubdomainOf(String host, String domain) {
        if (host.length() > 253) {
            return false;
        }
        String labels = host.substring(0, host.length() - domain.length() - 1);
        for (String label : labels.split("\\.", -1)) {
            if (label.isEmpty() || !label.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPort(String text, int defaultPort) {
        if (text.isEmpty() || text.length() > 5 || text.charAt(0) == '0'
                || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int port = Integer.parseInt(text);
        return port <= 65535 && port != defaultPort;
    }

}
