package io.corsagent.audit;

/** The CORS filters and authentication filters of well-known libraries, recognised by class name. */
final class KnownFilters {

    private KnownFilters() {
    }

    /** @return a short name of a recognised CORS filter ("Tomcat's CorsFilter"), or {@code null} */
    static String corsFilter(String className) {
        if (className == null) {
            return null;
        }
        if (className.equals("org.apache.catalina.filters.CorsFilter")) {
            return "Tomcat's CorsFilter";
        }
        // org.eclipse.jetty.servlets (9.4-11) and org.eclipse.jetty.ee8/ee9/ee10.servlets (12).
        if (className.startsWith("org.eclipse.jetty.") && className.endsWith(".CrossOriginFilter")) {
            return "Jetty's CrossOriginFilter";
        }
        if (className.equals("org.springframework.web.filter.CorsFilter")) {
            return "Spring's CorsFilter";
        }
        if (className.equals("com.thetransactioncompany.cors.CORSFilter")) {
            return "the CORSFilter of com.thetransactioncompany";
        }
        return null;
    }

    /**
     * Whether the class runs Spring Security's filter chain: its {@code FilterChainProxy}, or a subclass Spring
     * Security registers in its place (6.x's {@code CompositeFilterChainProxy}).
     */
    static boolean isSpringSecurityChain(String className) {
        return className.startsWith("org.springframework.security.") && className.endsWith("FilterChainProxy");
    }

    /**
     * Whether the class is an authentication filter of a well-known framework: one that, ahead of a CORS filter,
     * rejects preflights (which carry no credentials) even when it was not seen doing so.
     */
    static boolean isAuthFilter(String className) {
        return className.equals("org.springframework.security.web.FilterChainProxy")
                || className.startsWith("org.apache.shiro.") && className.contains("ShiroFilter")
                || className.startsWith("org.keycloak.adapters.")
                && (className.endsWith("KeycloakOIDCFilter") || className.endsWith("KeycloakSamlFilter"));
    }
}
