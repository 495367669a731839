package io.corsagent.tools;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.corsagent.policy.PolicyKeys;
import io.corsagent.policy.PolicyLoader;

/**
 * The settings of the servlet CORS filters {@code import} knows, translated to a rule of the policy, with their own
 * defaults, and a warning wherever the policy cannot say exactly what the filter did.
 */
final class CorsFilterTranslations {

    static final String TOMCAT = "org.apache.catalina.filters.CorsFilter";
    static final String TRANSACTION_COMPANY = "com.thetransactioncompany.cors.CORSFilter";

    private CorsFilterTranslations() {
    }

    /** @return whether the class is Jetty's CrossOriginFilter (9.4-11 and the ee8/ee9/ee10 ones of Jetty 12) */
    static boolean isJetty(String className) {
        return className != null && className.startsWith("org.eclipse.jetty.")
                && className.endsWith(".servlets.CrossOriginFilter");
    }

    /** Tomcat's {@code CorsFilter} (8.5, 9, 10, 11): its {@code cors.*} init-params and defaults. */
    static void tomcat(ImportedRule rule, Map<String, String> params, List<String> warnings) {
        String origins = param(params, "cors.allowed.origins", "");
        rule.credentials = Boolean.parseBoolean(param(params, "cors.support.credentials", "false"));
        if (origins.trim().equals("*")) {
            rule.anyOrigin = true;
            if (rule.credentials) {
                warnings.add(rule.source + ": cors.allowed.origins = * with cors.support.credentials = true, which"
                        + " Tomcat refuses to start with; translated as any origin without credentials");
                rule.credentials = false;
            }
        } else {
            exactOrigins(rule, ImportedRule.list(origins), warnings);
        }
        rule.methods(ImportedRule.list(param(params, "cors.allowed.methods", "GET,POST,HEAD,OPTIONS")), warnings);
        rule.headers(ImportedRule.list(param(params, "cors.allowed.headers",
                "Origin,Accept,X-Requested-With,Content-Type,Access-Control-Request-Method,"
                        + "Access-Control-Request-Headers")));
        rule.exposed.addAll(ImportedRule.list(param(params, "cors.exposed.headers", "")));
        rule.maxAge = maxAge(rule, param(params, "cors.preflight.maxage", "1800"), warnings);
        // Tomcat answers 403 to a CORS request from an origin it does not allow, before the app runs.
        rule.rejectDisallowed = true;
        warnings.add(rule.source + ": Tomcat also answers 403 to an actual request whose method is not in"
                + " cors.allowed.methods; the agent checks methods on preflights only");
    }

    /** Jetty's {@code CrossOriginFilter}: its init-params and defaults. */
    static void jetty(ImportedRule rule, Map<String, String> params, List<String> warnings) {
        rule.credentials = Boolean.parseBoolean(param(params, "allowCredentials", "true"));
        for (String origin : ImportedRule.list(param(params, "allowedOrigins", "*"))) {
            if (origin.equals("*")) {
                rule.anyOrigin = true;
            } else if (origin.indexOf('*') < 0) {
                exactOrigin(rule, origin, warnings);
            } else if (origin.matches("[a-z][a-z0-9+.-]*://\\*\\.[^*]+")
                    || origin.matches("[a-z][a-z0-9+.-]*://[^*]+:\\*")) {
                // https://*.example.com and http://localhost:* match the same origins as the policy's wildcards.
                wildcard(rule, origin, origin, warnings);
            } else if (origin.matches("\\*\\.[^*:/]+")) {
                wildcard(rule, "https://" + origin, origin, warnings);
                wildcard(rule, "http://" + origin, origin, warnings);
                warnings.add(rule.source + ": allowedOrigins pattern '" + origin + "' matches any scheme; translated as"
                        + " https://" + origin + " and http://" + origin);
            } else {
                warnings.add(rule.source + ": allowedOrigins pattern '" + origin + "' is a regular expression"
                        + " (each * is .*) the policy cannot express; left out: add the origins it meant");
            }
        }
        if (rule.anyOrigin) {
            rule.origins.clear();
            if (rule.credentials) {
                warnings.add(rule.source + ": allowedOrigins = * with allowCredentials = true (Jetty's default):"
                        + " Jetty echoed any Origin with credentials, so any site could read responses with the user's"
                        + " cookies; translated as any origin without credentials. List your frontends and set"
                        + " allow-credentials = true if they send cookies");
                rule.credentials = false;
            }
        }
        rule.methods(ImportedRule.list(param(params, "allowedMethods", "GET,POST,HEAD")), warnings);
        rule.headers(ImportedRule.list(param(params, "allowedHeaders", "X-Requested-With,Content-Type,Accept,Origin")));
        rule.exposed.addAll(ImportedRule.list(param(params, "exposedHeaders", "")));
        rule.maxAge = maxAge(rule, param(params, "preflightMaxAge", "1800"), warnings);
        if (Boolean.parseBoolean(param(params, "chainPreflight", "true"))) {
            warnings.add(rule.source + ": chainPreflight = true passed preflights on to the application; the agent"
                    + " answers them itself");
        }
        rule.rejectDisallowed = false;
    }

    /**
     * The {@code CORSFilter} of {@code com.thetransactioncompany} (cors-filter 1.x, 2.x): its {@code cors.*}
     * settings, from the file named by {@code cors.configurationFile} when given, else from the init-params.
     */
    static void transactionCompany(ImportedRule rule, Map<String, String> params, Properties file,
                                   List<String> warnings) {
        Map<String, String> settings = params;
        if (file != null) {
            settings = new LinkedHashMap<>();
            for (String name : file.stringPropertyNames()) {
                settings.put(name, file.getProperty(name));
            }
        }
        rule.credentials = Boolean.parseBoolean(param(settings, "cors.supportsCredentials", "true"));
        boolean subdomains = Boolean.parseBoolean(param(settings, "cors.allowSubdomains", "false"));
        for (String origin : ImportedRule.list(param(settings, "cors.allowOrigin", "*"))) {
            if (origin.equals("*")) {
                rule.anyOrigin = true;
            } else if (exactOrigin(rule, origin, warnings) && subdomains) {
                int host = origin.indexOf("://") + 3;
                wildcard(rule, origin.substring(0, host) + "*." + origin.substring(host), origin
                        + " with cors.allowSubdomains", warnings);
            }
        }
        if (rule.anyOrigin) {
            rule.origins.clear();
            if (rule.credentials) {
                warnings.add(rule.source + ": cors.allowOrigin = * with cors.supportsCredentials = true (the filter's"
                        + " default): it echoed any Origin with credentials, so any site could read responses with the"
                        + " user's cookies; translated as any origin without credentials. List your frontends and set"
                        + " allow-credentials = true if they send cookies");
                rule.credentials = false;
            }
        }
        rule.methods(ImportedRule.list(param(settings, "cors.supportedMethods", "GET, POST, HEAD, OPTIONS")), warnings);
        rule.headers(ImportedRule.list(param(settings, "cors.supportedHeaders", "*")));
        rule.exposed.addAll(ImportedRule.list(param(settings, "cors.exposedHeaders", "")));
        String maxAge = param(settings, "cors.maxAge", "-1");
        if (maxAge.trim().startsWith("-")) {
            warnings.add(rule.source + ": cors.maxAge = " + maxAge.trim() + " sent no Access-Control-Max-Age (browsers"
                    + " then cache a preflight for 5 s); the policy says max-age = 5");
            rule.maxAge = 5;
        } else {
            rule.maxAge = maxAge(rule, maxAge, warnings);
        }
        // The filter answers 403 to a CORS request from an origin it does not allow.
        rule.rejectDisallowed = true;
    }

    /**
     * One {@code <mvc:mapping>} of Spring's {@code <mvc:cors>}, with the defaults of Spring's CorsRegistration:
     * any origin, GET, HEAD and POST, any header, no credentials, 1800 s.
     */
    static void springMapping(ImportedRule rule, Map<String, String> attributes, List<String> warnings) {
        rule.credentials = Boolean.parseBoolean(param(attributes, "allow-credentials", "false"));
        String origins = attributes.get("allowed-origins");
        String patterns = attributes.get("allowed-origin-patterns");
        if (origins == null && patterns == null) {
            origins = "*";
        }
        for (String origin : ImportedRule.list(origins)) {
            if (origin.equals("*")) {
                rule.anyOrigin = true;
            } else {
                exactOrigin(rule, origin, warnings);
            }
        }
        for (String pattern : ImportedRule.list(patterns)) {
            if (pattern.equals("*")) {
                rule.anyOrigin = true;
            } else if (pattern.indexOf('*') < 0) {
                exactOrigin(rule, pattern, warnings);
            } else if (pattern.matches("[a-z][a-z0-9+.-]*://\\*\\.[^*\\[]+")) {
                wildcard(rule, pattern, pattern, warnings);
            } else if (pattern.matches("[a-z][a-z0-9+.-]*://[^*\\[]+:\\[\\*\\]")) {
                wildcard(rule, pattern.replace(":[*]", ":*"), pattern, warnings);
            } else {
                warnings.add(rule.source + ": allowed-origin-patterns '" + pattern + "' has no equivalent in the"
                        + " policy; left out: add the origins it meant");
            }
        }
        if (rule.anyOrigin) {
            rule.origins.clear();
            if (rule.credentials) {
                warnings.add(rule.source + ": allowed-origins = * with allow-credentials = true, which Spring rejects"
                        + " on every CORS request; translated as any origin without credentials");
                rule.credentials = false;
            }
        }
        rule.methods(ImportedRule.list(param(attributes, "allowed-methods", "GET,HEAD,POST")), warnings);
        if (rule.methods.remove("*")) {
            rule.methods.addAll(Arrays.asList("PUT", "DELETE", "PATCH", "OPTIONS"));
            warnings.add(rule.source + ": allowed-methods = * allowed any method; translated as PUT, DELETE, PATCH,"
                    + " OPTIONS");
        }
        rule.headers(ImportedRule.list(param(attributes, "allowed-headers", "*")));
        rule.exposed.addAll(ImportedRule.list(param(attributes, "exposed-headers", "")));
        rule.maxAge = maxAge(rule, param(attributes, "max-age", "1800"), warnings);
        // Spring answers 403 ("Invalid CORS request") to a CORS request from an origin it does not allow.
        rule.rejectDisallowed = true;
    }

    private static String param(Map<String, String> params, String name, String fallback) {
        String value = params.get(name);
        return value == null ? fallback : value.trim();
    }

    private static void exactOrigins(ImportedRule rule, List<String> origins, List<String> warnings) {
        for (String origin : origins) {
            exactOrigin(rule, origin, warnings);
        }
    }

    /** @return whether the origin was taken: one a browser can send, else a warning */
    private static boolean exactOrigin(ImportedRule rule, String origin, List<String> warnings) {
        if (isValidOrigin(origin)) {
            rule.origins.add(origin);
            return true;
        }
        warnings.add(rule.source + ": origin '" + origin + "' is never sent by a browser as written (see"
                + " 'java -jar cors-agent.jar check'); left out, so it matched nothing before either");
        return false;
    }

    private static void wildcard(ImportedRule rule, String wildcard, String declared, List<String> warnings) {
        if (isValidOrigin(wildcard)) {
            rule.origins.add(wildcard);
        } else {
            warnings.add(rule.source + ": '" + declared + "' would be the wildcard " + wildcard + ", which the policy"
                    + " refuses (a public suffix, or not an origin); left out");
        }
    }

    /** Whether the policy accepts it as an {@code allowed-origins} entry, checked by the policy's own parser. */
    static boolean isValidOrigin(String origin) {
        return PolicyLoader.parse("origin", "allowed-origins = " + origin.replace("\\", "\\\\")
                .replace("#", "\\#")).problems().isEmpty();
    }

    private static int maxAge(ImportedRule rule, String value, List<String> warnings) {
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds < 0) {
                warnings.add(rule.source + ": a negative max-age sent no Access-Control-Max-Age; the policy says 5");
                return 5;
            }
            return Math.min(seconds, PolicyKeys.MAX_MAX_AGE);
        } catch (NumberFormatException e) {
            warnings.add(rule.source + ": max-age '" + value + "' is no number; the policy keeps its default 600");
            return PolicyKeys.DEFAULT_MAX_AGE;
        }
    }
}
