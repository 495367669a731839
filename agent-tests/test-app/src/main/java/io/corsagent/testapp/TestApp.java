package io.corsagent.testapp;

/**
 * How a server launcher must deploy the test app. Plain string constants, no servlet types, so a launcher can
 * wire the app into any container in code (embedded containers have no web.xml here).
 *
 * <p>Registration, in this order, all on REQUEST dispatch unless said otherwise:
 * <ol>
 *   <li>filter {@link #AUTH_FILTER} on {@code /*} (registered first: the misordered auth filter)</li>
 *   <li>filter {@link #CORS_FILTER} on {@code /*} (the app's own, broken, CORS handling)</li>
 *   <li>servlet {@link #APP_SERVLET} on {@code /} (everything else)</li>
 *   <li>servlet {@link #COUNTERS_SERVLET} on {@link #COUNTERS_PATH}</li>
 *   <li>servlet {@link #ERROR_SERVLET} on {@link #ERROR_PAGE_PATH}, the context's error page for every status</li>
 *   <li>a security constraint on {@link #SECURE_PATTERN} for any method, role {@link #ROLE}, BASIC auth in realm
 *       {@link #REALM}, with one user {@link #USER} / {@link #PASSWORD} in that role</li>
 * </ol>
 * Every filter and servlet is registered with async support (the app answers {@code ?async=...} requests
 * asynchronously). The context is deployed at {@link #CONTEXT_PATH}.
 */
public final class TestApp {

    public static final String CONTEXT_PATH = "/app";

    public static final String AUTH_FILTER = "io.corsagent.testapp.MisorderedAuthFilter";
    public static final String CORS_FILTER = "io.corsagent.testapp.ReflectingCorsFilter";
    public static final String APP_SERVLET = "io.corsagent.testapp.AppServlet";
    public static final String COUNTERS_SERVLET = "io.corsagent.testapp.CountersServlet";
    public static final String ERROR_SERVLET = "io.corsagent.testapp.ErrorPageServlet";

    public static final String COUNTERS_PATH = "/__counters";
    public static final String ERROR_PAGE_PATH = "/__error";
    public static final String SECURE_PATTERN = "/secure/*";

    public static final String REALM = "cors-test";
    public static final String ROLE = "user";
    public static final String USER = "alice";
    public static final String PASSWORD = "secret";

    private TestApp() {
    }
}
