package io.corsagent.policy;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The key names of the policy file. Stable: operators' files depend on them. */
public final class PolicyKeys {

    public static final String MODE = "mode";
    public static final String PUBLIC_ORIGINS = "public-origins";
    public static final String LOG_FILE = "log.file";
    public static final String LOG_FORMAT = "log.format";
    /** The application's name in every JSON log line ({@code app}), for fleet reports; default: the main class. */
    public static final String LOG_APP = "log.app";

    public static final String ALLOWED_ORIGINS = "allowed-origins";
    public static final String ALLOWED_METHODS = "allowed-methods";
    public static final String ALLOWED_HEADERS = "allowed-headers";
    public static final String EXPOSED_HEADERS = "exposed-headers";
    public static final String ALLOW_CREDENTIALS = "allow-credentials";
    public static final String MAX_AGE = "max-age";
    public static final String REJECT_DISALLOWED = "reject-disallowed";

    /** Path rules: {@code path.<glob>.<rule key>}. */
    public static final String PATH_PREFIX = "path.";

    /** Keys that apply to the whole policy only. */
    public static final List<String> POLICY_KEYS = Collections.unmodifiableList(
            Arrays.asList(MODE, PUBLIC_ORIGINS, LOG_FILE, LOG_FORMAT, LOG_APP));

    /** Keys of a rule: top-level, or under {@code path.<glob>.}. */
    public static final List<String> RULE_KEYS = Collections.unmodifiableList(Arrays.asList(ALLOWED_ORIGINS,
            ALLOWED_METHODS, ALLOWED_HEADERS, EXPOSED_HEADERS, ALLOW_CREDENTIALS, MAX_AGE, REJECT_DISALLOWED));

    /** {@code max-age} when unset: long enough to spare most preflights, within every browser's cap. */
    public static final int DEFAULT_MAX_AGE = 600;
    /** The largest {@code max-age}: one day, Firefox's cap (Chromium caps at 7200, WebKit at 600). */
    public static final int MAX_MAX_AGE = 86400;

    private PolicyKeys() {
    }
}
