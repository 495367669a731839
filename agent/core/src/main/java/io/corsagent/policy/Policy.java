package io.corsagent.policy;

import java.util.Collections;
import java.util.List;
import java.util.Set;

import io.corsagent.log.LogFormat;

/**
 * A validated policy: immutable, safe to share between threads. Only {@link PolicyLoader} makes one, and only
 * from a file without errors.
 */
public final class Policy {

    private final String source;
    private final Mode mode;
    private final CorsRule topLevel;
    private final CorsRule[] pathRules;
    private final Set<String> publicOrigins;
    private final String logFile;
    private final LogFormat logFormat;
    private final String logApp;
    private final List<Problem> warnings;

    Policy(String source, Mode mode, CorsRule topLevel, CorsRule[] pathRules, Set<String> publicOrigins,
           String logFile, LogFormat logFormat, String logApp, List<Problem> warnings) {
        this.source = source;
        this.mode = mode;
        this.topLevel = topLevel;
        this.pathRules = pathRules;
        this.publicOrigins = publicOrigins;
        this.logFile = logFile;
        this.logFormat = logFormat;
        this.logApp = logApp;
        this.warnings = Collections.unmodifiableList(warnings);
    }

    /** The file it was read from, as given to the loader. */
    public String source() {
        return source;
    }

    /** The file's {@code mode} (default enforce). A mode given on the command line overrides it. */
    public Mode mode() {
        return mode;
    }

    /** {@code log.file}: where the agent logs, or {@code null} for stderr. */
    public String logFile() {
        return logFile;
    }

    /** {@code log.format}. */
    public LogFormat logFormat() {
        return logFormat;
    }

    /** {@code log.app}: the application's name in JSON log lines, or {@code null} for the main class. */
    public String logApp() {
        return logApp;
    }

    /** Risky but legal choices found when loading. */
    public List<Problem> warnings() {
        return warnings;
    }

    public CorsRule topLevelRule() {
        return topLevel;
    }

    /** Number of rules, top-level included: rule indexes run from 0 (top-level) to {@code ruleCount() - 1}. */
    public int ruleCount() {
        return pathRules.length + 1;
    }

    /** @return the rule of that index: 0 is the top-level rule, then the path rules, most specific first */
    public CorsRule rule(int index) {
        return index == 0 ? topLevel : pathRules[index - 1];
    }

    /**
     * @param path the path the container serves (decoded, normalised, context path included), or {@code null}
     * @return the index of the rule for it: the most specific matching path rule, else 0 (top-level). No allocation.
     */
    public int ruleIndexFor(String path) {
        if (path != null) {
            for (int i = 0; i < pathRules.length; i++) {
                if (pathRules[i].path().matches(path)) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    public CorsRule ruleFor(String path) {
        return rule(ruleIndexFor(path));
    }

    /**
     * Whether the origin is one of {@code public-origins} and names the host the request was sent to: the request's
     * own origin as its users see it, though the container sees another scheme or port (behind a proxy). Another
     * host's public origin is a cross-origin caller like any other. No allocation.
     *
     * @param parsed {@link SerializedOrigin#parse(String)} of the origin
     * @param host   the request's host as the container sees it, or {@code null}
     */
    public boolean isPublicOrigin(String origin, long parsed, String host) {
        return !publicOrigins.isEmpty() && parsed >= 0 && publicOrigins.contains(origin)
                && SerializedOrigin.hasHost(origin, parsed, host);
    }
}
