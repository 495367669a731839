package io.corsagent.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import io.corsagent.log.LogFormat;

/**
 * Turns the entries of a policy file into a {@link Policy}, collecting every error and warning on the way
 * rather than stopping at the first: an operator fixes a file in one round, not ten.
 */
final class PolicyParser {

    private final String file;
    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    private Mode mode = Mode.ENFORCE;
    private List<ConfiguredOrigin> publicOrigins = Collections.emptyList();
    private PropertyEntry publicOriginsEntry;
    private String logFile;
    private LogFormat logFormat = LogFormat.TEXT;
    private String logApp;
    private final RuleSettings topLevel = new RuleSettings(CorsRule.TOP_LEVEL, null);
    private final Map<String, RuleSettings> pathRules = new LinkedHashMap<>();

    PolicyParser(String file) {
        this.file = file;
    }

    LoadResult parse(String content) {
        PropertiesReader.Result read = PropertiesReader.read(file, content);
        errors.addAll(read.problems);
        for (PropertyEntry entry : read.entries) {
            apply(entry);
        }
        CorsRule top = compile(topLevel, null);
        List<CorsRule> rules = new ArrayList<>();
        for (RuleSettings settings : pathRules.values()) {
            CorsRule rule = compile(settings, topLevel);
            if (rule != null) {
                rules.add(rule);
            }
        }
        checkSpecificity(rules);
        Set<String> publicSet = new HashSet<>();
        for (ConfiguredOrigin origin : publicOrigins) {
            publicSet.add(origin.text);
            checkAlsoAllowed(origin, top, rules);
        }
        byLine(errors);
        byLine(warnings);
        if (!errors.isEmpty()) {
            return new LoadResult(file, null, errors, warnings);
        }
        // Most specific first; equally specific rules never overlap (checked above), so their order is irrelevant.
        rules.sort((a, b) -> Integer.compare(b.path().literalLength(), a.path().literalLength()));
        Policy policy = new Policy(file, mode, top, rules.toArray(new CorsRule[0]),
                Collections.unmodifiableSet(publicSet), logFile, logFormat, logApp, warnings);
        return new LoadResult(file, policy, errors, warnings);
    }

    private static void byLine(List<Problem> problems) {
        problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
    }

    // ---------------------------------------------------------------------------------------------- keys

    private void apply(PropertyEntry entry) {
        String key = entry.key();
        if (PolicyKeys.RULE_KEYS.contains(key)) {
            setRuleKey(topLevel, key, key, entry);
            return;
        }
        switch (key) {
            case PolicyKeys.MODE: readMode(entry); return;
            case PolicyKeys.PUBLIC_ORIGINS: readPublicOrigins(entry); return;
            case PolicyKeys.LOG_FILE: readLogFile(entry); return;
            case PolicyKeys.LOG_FORMAT: readLogFormat(entry); return;
            case PolicyKeys.LOG_APP: logApp = entry.value().trim().isEmpty() ? null : entry.value().trim(); return;
            default:
        }
        if (key.startsWith(PolicyKeys.PATH_PREFIX)) {
            applyPathKey(entry);
            return;
        }
        List<String> known = new ArrayList<>(PolicyKeys.POLICY_KEYS);
        known.addAll(PolicyKeys.RULE_KEYS);
        String suggestion = Suggestions.closest(key, known);
        error(entry, "unknown key", suggestion != null ? "did you mean " + suggestion + "?"
                : "known keys: " + String.join(", ", known) + ", and path.<glob>.<key>");
    }

    private void applyPathKey(PropertyEntry entry) {
        String key = entry.key();
        String rest = key.substring(PolicyKeys.PATH_PREFIX.length());
        for (String ruleKey : PolicyKeys.RULE_KEYS) {
            if (rest.endsWith("." + ruleKey) && rest.length() > ruleKey.length() + 1) {
                String glob = rest.substring(0, rest.length() - ruleKey.length() - 1);
                RuleSettings settings = pathRule(glob, entry);
                if (settings != null) {
                    setRuleKey(settings, ruleKey, key, entry);
                }
                return;
            }
        }
        for (String policyKey : PolicyKeys.POLICY_KEYS) {
            if (rest.endsWith("." + policyKey)) {
                error(entry, policyKey + " applies to the whole policy and cannot be set per path",
                        "set " + policyKey + " on its own, without the path prefix");
                return;
            }
        }
        int lastDot = rest.lastIndexOf('.');
        String glob = lastDot > 0 ? rest.substring(0, lastDot) : rest;
        String typed = lastDot > 0 ? rest.substring(lastDot + 1) : "";
        String suggestion = Suggestions.closest(typed, PolicyKeys.RULE_KEYS);
        error(entry, "unknown path rule key: path rules are path.<glob>.<key> with <key> one of "
                + String.join(", ", PolicyKeys.RULE_KEYS),
                suggestion != null ? "did you mean path." + glob + "." + suggestion + "?" : null);
    }

    /** @return the settings of that glob's rule, created on first use; {@code null} after reporting a bad glob */
    private RuleSettings pathRule(String glob, PropertyEntry entry) {
        if (pathRules.containsKey(glob)) {
            return pathRules.get(glob);
        }
        if (!glob.startsWith("/")) {
            error(entry, "the path glob '" + glob + "' does not start with /; globs match the served path, context"
                    + " path included", "write path./" + glob + ". ...");
            pathRules.put(glob, null);
            return null;
        }
        RuleSettings settings = new RuleSettings(PolicyKeys.PATH_PREFIX + glob, glob);
        settings.firstLine = entry.line();
        pathRules.put(glob, settings);
        return settings;
    }

    private void setRuleKey(RuleSettings rule, String ruleKey, String key, PropertyEntry entry) {
        if (rule.firstLine == 0) {
            rule.firstLine = entry.line();
        }
        int line = entry.line();
        switch (ruleKey) {
            case PolicyKeys.ALLOWED_ORIGINS:
                rule.origins = new RuleSettings.Setting<>(readOrigins(entry, false), line, key);
                break;
            case PolicyKeys.ALLOWED_METHODS:
                rule.methods = new RuleSettings.Setting<>(readMethods(entry), line, key);
                break;
            case PolicyKeys.ALLOWED_HEADERS:
                rule.headers = new RuleSettings.Setting<>(readRequestHeaders(entry), line, key);
                break;
            case PolicyKeys.EXPOSED_HEADERS:
                rule.exposedHeaders = new RuleSettings.Setting<>(readExposedHeaders(entry), line, key);
                break;
            case PolicyKeys.ALLOW_CREDENTIALS:
                rule.credentials = new RuleSettings.Setting<>(readBoolean(entry), line, key);
                break;
            case PolicyKeys.MAX_AGE:
                rule.maxAge = new RuleSettings.Setting<>(readMaxAge(entry), line, key);
                break;
            default:
                rule.rejectDisallowed = new RuleSettings.Setting<>(readBoolean(entry), line, key);
        }
    }

    // ---------------------------------------------------------------------------------------------- values

    private void readMode(PropertyEntry entry) {
        Mode value = Mode.fromKeyword(entry.value());
        if (value == null) {
            Mode lower = Mode.fromKeyword(entry.value().toLowerCase(Locale.ROOT));
            error(entry, "'" + entry.value() + "' is not a mode: enforce, audit or off",
                    lower != null ? "write " + lower.keyword() : "write enforce, audit or off");
            return;
        }
        mode = value;
    }

    private void readLogFormat(PropertyEntry entry) {
        LogFormat value = LogFormat.fromKeyword(entry.value());
        if (value == null) {
            error(entry, "'" + entry.value() + "' is not a log format: text or json", "write text or json");
            return;
        }
        logFormat = value;
    }

    private void readLogFile(PropertyEntry entry) {
        if (entry.value().isEmpty()) {
            error(entry, "empty log file name", "remove the key to log to stderr, or name a file");
            return;
        }
        logFile = entry.value();
    }

    private void readPublicOrigins(PropertyEntry entry) {
        publicOrigins = readOrigins(entry, true);
        publicOriginsEntry = entry;
    }

    /**
     * A public origin that a rule also allows by name or subdomain wildcard: the two keys mean different things
     * (same-origin when sent to that host; a CORS caller of other hosts), and listing it in both suggests the
     * policy's author expected one of them to cover the other.
     */
    private void checkAlsoAllowed(ConfiguredOrigin origin, CorsRule top, List<CorsRule> rules) {
        if (top == null) {
            return;
        }
        long parsed = SerializedOrigin.parse(origin.text);
        List<CorsRule> all = new ArrayList<>(rules);
        all.add(0, top);
        for (CorsRule rule : all) {
            if (!rule.origins().allowsAny() && rule.origins().allows(origin.text, parsed)) {
                warning(publicOriginsEntry, origin.text + " is in both public-origins and allowed-origins: requests"
                        + " from it are same-origin only when sent to " + origin.host + ", and CORS requests under"
                        + " allowed-origins when sent to another host", "keep it in allowed-origins if its pages"
                        + " call this application under another host name, else remove it from allowed-origins");
                return;
            }
        }
    }

    private List<ConfiguredOrigin> readOrigins(PropertyEntry entry, boolean exactOnly) {
        List<ConfiguredOrigin> origins = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String element : elements(entry)) {
            ConfiguredOrigin.Parsed parsed = ConfiguredOrigin.parse(element);
            if (parsed.origin == null) {
                error(entry, parsed.error, parsed.fix);
                continue;
            }
            if (exactOnly && parsed.origin.kind != ConfiguredOrigin.Kind.EXACT) {
                error(entry, "'" + element + "': public-origins lists this application's own origins exactly, as"
                        + " browsers reach it; no *, null or wildcards", "list each public origin, such as"
                        + " https://shop.example.com");
                continue;
            }
            if (!seen.add(parsed.origin.text)) {
                warning(entry, "'" + element + "' is listed twice", "remove one");
                continue;
            }
            origins.add(parsed.origin);
        }
        return origins;
    }

    private List<String> readMethods(PropertyEntry entry) {
        List<String> methods = new ArrayList<>();
        for (String method : elements(entry)) {
            if (method.equals("*")) {
                error(entry, "* is no wildcard here: allowed-methods lists methods by name (GET, HEAD and POST are"
                        + " always allowed)", "list the methods by name");
            } else if (!HttpTokens.isToken(method)) {
                error(entry, "'" + method + "' is not a valid method name (an HTTP token)",
                        "remove it");
            } else if (HttpTokens.isForbiddenMethod(method)) {
                error(entry, method + " is forbidden: browsers never send it and servers should not allow it",
                        "remove " + method);
            } else if (HttpTokens.normalizedSpelling(method) != null) {
                String upper = HttpTokens.normalizedSpelling(method);
                error(entry, "'" + method + "' never matches: browsers send this method as " + upper
                        + " and methods compare case-sensitively", "write " + upper);
            } else if (methods.contains(method)) {
                warning(entry, method + " is listed twice", "remove one");
            } else {
                methods.add(method);
            }
        }
        return methods;
    }

    private List<String> readRequestHeaders(PropertyEntry entry) {
        return readHeaderNames(entry, (header, lower) -> {
            if (HttpTokens.isForbiddenRequestHeader(lower)) {
                warning(entry, header + " is a header scripts cannot set, so browsers never ask for it",
                        "remove " + header);
            }
        });
    }

    private List<String> readExposedHeaders(PropertyEntry entry) {
        return readHeaderNames(entry, (header, lower) -> {
            if (HttpTokens.isSafelistedResponseHeader(lower)) {
                warning(entry, header + " is always exposed to scripts; listing it changes nothing",
                        "remove " + header);
            } else if (lower.equals("set-cookie") || lower.equals("set-cookie2")) {
                warning(entry, "browsers never expose " + header + " to scripts", "remove " + header);
            }
        });
    }

    /**
     * The header names of a list, each a token or {@code *}, each once (case-insensitively).
     *
     * @param advice warns about a valid name that does nothing in this list; gets the name as written and lower-cased
     */
    private List<String> readHeaderNames(PropertyEntry entry, BiConsumer<String, String> advice) {
        List<String> headers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String header : elements(entry)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (!header.equals("*") && !HttpTokens.isToken(header)) {
                error(entry, "'" + header + "' is not a valid header name (an HTTP token)", "remove it");
                continue;
            }
            if (!seen.add(lower)) {
                warning(entry, header + " is listed twice", "remove one");
                continue;
            }
            advice.accept(header, lower);
            headers.add(header);
        }
        return headers;
    }

    private Boolean readBoolean(PropertyEntry entry) {
        if (entry.value().equals("true")) {
            return Boolean.TRUE;
        }
        if (entry.value().equals("false")) {
            return Boolean.FALSE;
        }
        String lower = entry.value().toLowerCase(Locale.ROOT);
        error(entry, "'" + entry.value() + "' is not true or false",
                lower.equals("true") || lower.equals("false") ? "write " + lower : "write true or false");
        return null;
    }

    private Integer readMaxAge(PropertyEntry entry) {
        String value = entry.value();
        long seconds = -1;
        if (!value.isEmpty() && value.length() <= 10) {
            seconds = 0;
            for (int i = 0; i < value.length() && seconds >= 0; i++) {
                char c = value.charAt(i);
                seconds = c >= '0' && c <= '9' ? seconds * 10 + (c - '0') : -1;
            }
        }
        if (seconds < 0) {
            error(entry, "'" + value + "' is not a number of seconds", "write a whole number from 0 to "
                    + PolicyKeys.MAX_MAX_AGE + ", for example " + PolicyKeys.DEFAULT_MAX_AGE);
            return null;
        }
        if (seconds > PolicyKeys.MAX_MAX_AGE) {
            error(entry, value + " seconds is out of range: browsers cap the preflight cache at one day or less"
                    + " (Chromium 7200, WebKit 600)", "write a number from 0 to " + PolicyKeys.MAX_MAX_AGE);
            return null;
        }
        return (int) seconds;
    }

    /** Comma-separated elements, trimmed; an empty element is an error (it is almost always a typo). */
    private List<String> elements(PropertyEntry entry) {
        List<String> elements = new ArrayList<>();
        String value = entry.value();
        if (value.trim().isEmpty()) {
            return elements;
        }
        for (String element : value.split(",", -1)) {
            String trimmed = element.trim();
            if (trimmed.isEmpty()) {
                error(entry, "empty entry in the list (two commas in a row, or a comma at an end)",
                        "remove the extra comma");
            } else {
                elements.add(trimmed);
            }
        }
        return elements;
    }

    // ---------------------------------------------------------------------------------------------- rules

    /**
     * Builds the effective rule (own settings over the top-level ones) and checks the combinations that only
     * exist once inheritance is applied, reporting them where this rule sets one of the culprits.
     *
     * @param top {@code null} when compiling the top-level rule itself
     */
    private CorsRule compile(RuleSettings own, RuleSettings top) {
        if (own == null) {
            return null;
        }
        RuleSettings base = top != null ? top : new RuleSettings(CorsRule.TOP_LEVEL, null);
        RuleSettings.Setting<List<ConfiguredOrigin>> origins = RuleSettings.inherit(own.origins, base.origins);
        RuleSettings.Setting<List<String>> methods = RuleSettings.inherit(own.methods, base.methods);
        RuleSettings.Setting<List<String>> headers = RuleSettings.inherit(own.headers, base.headers);
        RuleSettings.Setting<List<String>> exposed = RuleSettings.inherit(own.exposedHeaders, base.exposedHeaders);
        RuleSettings.Setting<Boolean> credentials = RuleSettings.inherit(own.credentials, base.credentials);
        RuleSettings.Setting<Integer> maxAge = RuleSettings.inherit(own.maxAge, base.maxAge);
        RuleSettings.Setting<Boolean> reject = RuleSettings.inherit(own.rejectDisallowed, base.rejectDisallowed);

        List<ConfiguredOrigin> originList = origins == null ? Collections.<ConfiguredOrigin>emptyList() : origins.value;
        boolean withCredentials = credentials != null && Boolean.TRUE.equals(credentials.value);
        boolean ownsOrigins = own.origins != null;
        boolean ownsCredentials = own.credentials != null;
        boolean ownsCombination = top == null || ownsOrigins || ownsCredentials;

        boolean any = false;
        for (ConfiguredOrigin origin : originList) {
            any |= origin.kind == ConfiguredOrigin.Kind.ANY;
        }
        if (ownsOrigins && any && originList.size() > 1) {
            warning(origins, "* already allows every origin; the other entries are redundant", "keep only *");
        }
        if (ownsOrigins) {
            for (ConfiguredOrigin origin : originList) {
                if (origin.kind == ConfiguredOrigin.Kind.NULL) {
                    warning(origins, "null is the origin of sandboxed frames, file: pages and redirects:"
                            + " any site can produce it", "remove null unless you serve such a client");
                }
            }
        }
        if (ownsCombination && withCredentials) {
            // Report where this rule sets one of the two culprits; a pair formed only at the top level is reported there.
            RuleSettings.Setting<?> where = top == null || ownsOrigins ? origins : credentials;
            if (any) {
                error(where, "* (any origin) together with allow-credentials = true would let every website act as"
                                + " the signed-in user" + inheritedNote(top, ownsOrigins, ownsCredentials),
                        "list the trusted origins (subdomain wildcards like https://*.example.com are fine),"
                                + " or set allow-credentials = false");
            }
            for (ConfiguredOrigin origin : originList) {
                if (origin.isInsecureRemote()) {
                    warning(where, origin.text + " is plain http with credentials: anyone on the network path can"
                                    + " inject script there and act as the user",
                            "use https://" + origin.text.substring(origin.text.indexOf("://") + 3));
                }
            }
        }
        List<String> exposedList = exposed == null ? Collections.<String>emptyList() : exposed.value;
        boolean ownsExposed = own.exposedHeaders != null;
        if ((top == null || ownsExposed || ownsCredentials) && withCredentials && exposedList.contains("*")) {
            error(top == null || ownsExposed ? exposed : credentials, "exposed-headers = * is no wildcard for"
                    + " credentialed requests: browsers then expose only a header literally named *",
                    "list the headers to expose by name");
        }

        PathPattern path = null;
        if (top != null) {
            path = PathPattern.compile(own.glob);
            if (path == null) {
                errors.add(new Problem(Problem.Severity.ERROR, file, own.firstLine, own.name,
                        "the path glob is too long or has too many wildcards", "use a shorter glob"));
                return null;
            }
        }
        return new CorsRule(own.name, own.firstLine, path, new OriginMatcher(originList),
                toArray(methods), toArray(headers), exposedList.toArray(new String[0]), withCredentials,
                maxAge == null || maxAge.value == null ? PolicyKeys.DEFAULT_MAX_AGE : maxAge.value,
                reject != null && Boolean.TRUE.equals(reject.value));
    }

    private static String inheritedNote(RuleSettings top, boolean ownsOrigins, boolean ownsCredentials) {
        if (top == null || ownsOrigins && ownsCredentials) {
            return "";
        }
        return ownsOrigins ? " (allow-credentials = true is inherited from line " + top.credentials.line + ")"
                : " (allowed-origins = * is inherited from line " + top.origins.line + ")";
    }

    private static String[] toArray(RuleSettings.Setting<List<String>> setting) {
        return setting == null ? new String[0] : setting.value.toArray(new String[0]);
    }

    /** Two rules whose globs have the same literal length and can match one path: nobody could tell which applies. */
    private void checkSpecificity(List<CorsRule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            for (int j = i + 1; j < rules.size(); j++) {
                CorsRule a = rules.get(i);
                CorsRule b = rules.get(j);
                if (a.path().literalLength() != b.path().literalLength()) {
                    continue;
                }
                String common = a.path().commonPath(b.path());
                if (common != null) {
                    CorsRule later = a.line() > b.line() ? a : b;
                    CorsRule earlier = later == a ? b : a;
                    errors.add(new Problem(Problem.Severity.ERROR, file, later.line(), later.name(),
                            "equally specific as " + earlier.name() + " (line " + earlier.line() + "), and both"
                                    + " match " + common + ": which rule applies would be arbitrary",
                            "make one glob more specific (a longer literal part wins), or merge the two rules"));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- problems

    private void error(PropertyEntry entry, String message, String fix) {
        errors.add(new Problem(Problem.Severity.ERROR, file, entry.line(), entry.key(), message, fix));
    }

    private void warning(PropertyEntry entry, String message, String fix) {
        warnings.add(new Problem(Problem.Severity.WARNING, file, entry.line(), entry.key(), message, fix));
    }

    private void error(RuleSettings.Setting<?> setting, String message, String fix) {
        errors.add(new Problem(Problem.Severity.ERROR, file, setting.line, setting.key, message, fix));
    }

    private void warning(RuleSettings.Setting<?> setting, String message, String fix) {
        warnings.add(new Problem(Problem.Severity.WARNING, file, setting.line, setting.key, message, fix));
    }
}
