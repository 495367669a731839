package io.corsagent.bench.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How every bench server deploys the app, as strings (no servlet types), so that one launcher per container family
 * serves javax and jakarta lines alike: the test app's {@code AppServlet} on {@code /app/*}, behind, in this order,
 * the set-up's CORS handling (none, {@link #CORS_FIELDS_FILTER}, or the container's own) and
 * {@link BenchServerArguments#passThroughFilters} times {@link #PASS_THROUGH_FILTER}, all on {@code /*}, REQUEST
 * dispatch.
 *
 * <p>The values of the containers' own CORS handling are those of {@code bench/policy/bench-policy.properties}:
 * exact origins (Tomcat's {@code CorsFilter} has no wildcards), the same headers, credentials and max age.
 */
public final class BenchApp {

    public static final String PASS_THROUGH_FILTER = "io.corsagent.bench.app.PassThroughFilter";
    public static final String CORS_FIELDS_FILTER = "io.corsagent.bench.app.CorsFieldsFilter";

    public static final List<String> ALLOWED_ORIGINS = List.of("https://app.example.com", "https://admin.example.com");
    /** The policy's methods and the ones every CORS filter allows anyway (Jetty's and Tomcat's defaults). */
    public static final List<String> ALLOWED_METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE");
    public static final List<String> ALLOWED_HEADERS = List.of("Content-Type", "Authorization", "X-Requested-With");
    public static final String EXPOSED_HEADERS = "X-Request-Id";
    public static final int MAX_AGE_SECONDS = 600;

    private BenchApp() {
    }

    /** The init parameters of Tomcat's {@code CorsFilter} (Tomcat 9 to 11 read the same names). */
    public static Map<String, String> tomcatCorsFilterParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("cors.allowed.origins", String.join(",", ALLOWED_ORIGINS));
        // CorsFilter answers a preflight only when OPTIONS is among its methods, as its documentation says.
        parameters.put("cors.allowed.methods", String.join(",", ALLOWED_METHODS) + ",OPTIONS");
        parameters.put("cors.allowed.headers", String.join(",", ALLOWED_HEADERS));
        parameters.put("cors.exposed.headers", EXPOSED_HEADERS);
        parameters.put("cors.support.credentials", "true");
        parameters.put("cors.preflight.maxage", Integer.toString(MAX_AGE_SECONDS));
        return parameters;
    }

    /** The init parameters of Jetty's {@code CrossOriginFilter} (Jetty 9.4, 11 and 12's ee8 and ee10 read the same). */
    public static Map<String, String> jettyCrossOriginFilterParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("allowedOrigins", String.join(",", ALLOWED_ORIGINS));
        parameters.put("allowedMethods", String.join(",", ALLOWED_METHODS));
        parameters.put("allowedHeaders", String.join(",", ALLOWED_HEADERS));
        parameters.put("exposedHeaders", EXPOSED_HEADERS);
        parameters.put("allowCredentials", "true");
        parameters.put("preflightMaxAge", Integer.toString(MAX_AGE_SECONDS));
        // Answer preflights in the filter, as the agent and the other set-ups do, instead of passing them on.
        parameters.put("chainPreflight", "false");
        return parameters;
    }
}
