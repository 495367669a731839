package io.corsagent.testapp.audit;

/**
 * The audit app: the misordered-auth cases of docs/DESIGN.md section 5 side by side, one per path, for the audit tests.
 * Plain string constants, so a launcher wires it in code without servlet types. Deployed at
 * {@link io.corsagent.testapp.TestApp#CONTEXT_PATH} with {@link io.corsagent.testapp.TestApp#APP_SERVLET} on
 * {@code /}; filter mappings in this order, REQUEST dispatch, where "the CORS filter" is the container's own
 * (Tomcat's {@code CorsFilter}, Jetty's {@code CrossOriginFilter}):
 * <ol>
 *   <li>{@link #BEARER_AUTH_FILTER} then the CORS filter on {@link #MISORDERED}: a plain auth filter ahead of a
 *       CORS filter</li>
 *   <li>{@link #SECURITY_CHAIN_FILTER} then the CORS filter on {@link #DELEGATING}: a filter running an inner chain,
 *       whose inner {@link InnerAuthFilter} rejects (the FilterChainProxy shape)</li>
 *   <li>{@link #LOGIN_REDIRECT_FILTER} then the CORS filter on {@link #LOGIN_REDIRECT}: redirects to
 *       {@link #LOGIN_PAGE}</li>
 *   <li>the CORS filter then {@link #BEARER_AUTH_FILTER} on {@link #ORDERED}: correctly ordered</li>
 *   <li>{@link #BEARER_AUTH_FILTER} alone on {@link #WITHOUT_CORS}: no CORS filter on this path, though the app
 *       registers one for the others</li>
 *   <li>a security constraint on {@link io.corsagent.testapp.TestApp#SECURE_PATTERN}, as in the test app</li>
 * </ol>
 * The CORS filter gets {@link #CORS_ALLOWED_ORIGINS}, {@link #CORS_ALLOWED_METHODS} and
 * {@link #CORS_ALLOWED_HEADERS} as its init parameters (Tomcat: {@code cors.allowed.origins}, ...; Jetty:
 * {@code allowedOrigins}, ...).
 */
public final class AuditApp {

    public static final String BEARER_AUTH_FILTER = "io.corsagent.testapp.audit.BearerAuthFilter";
    public static final String SECURITY_CHAIN_FILTER = "io.corsagent.testapp.audit.SecurityChainFilter";
    public static final String LOGIN_REDIRECT_FILTER = "io.corsagent.testapp.audit.LoginRedirectFilter";
    public static final String TOMCAT_CORS_FILTER = "org.apache.catalina.filters.CorsFilter";

    public static final String MISORDERED = "/misordered/*";
    public static final String DELEGATING = "/delegating/*";
    public static final String LOGIN_REDIRECT = "/login-redirect/*";
    public static final String ORDERED = "/ordered/*";
    public static final String WITHOUT_CORS = "/no-cors/*";
    public static final String LOGIN_PAGE = "/login";

    public static final String CORS_ALLOWED_ORIGINS = "https://app.example.com";
    public static final String CORS_ALLOWED_METHODS = "GET,POST,PUT,OPTIONS";
    public static final String CORS_ALLOWED_HEADERS = "Content-Type,Authorization";

    private AuditApp() {
    }
}
