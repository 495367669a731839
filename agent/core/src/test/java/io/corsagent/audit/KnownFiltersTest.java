package io.corsagent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The CORS and auth filters of well-known libraries, by the class names their jars ship (Tomcat's and Jetty's
 * CrossOriginFilter run in the container tests; Spring's and thetransactioncompany's are recognised by name alone).
 */
class KnownFiltersTest {

    @Test
    void tomcatsCorsFilter() {
        assertEquals("Tomcat's CorsFilter", KnownFilters.corsFilter("org.apache.catalina.filters.CorsFilter"));
    }

    @Test
    void jettysCrossOriginFilterInEveryPackageItShippedIn() {
        for (String className : new String[] {
                "org.eclipse.jetty.servlets.CrossOriginFilter",          // jetty-servlets 9.4 to 11
                "org.eclipse.jetty.ee8.servlets.CrossOriginFilter",      // jetty-ee8-servlets 12
                "org.eclipse.jetty.ee9.servlets.CrossOriginFilter",      // jetty-ee9-servlets 12
                "org.eclipse.jetty.ee10.servlets.CrossOriginFilter"}) {  // jetty-ee10-servlets 12
            assertEquals("Jetty's CrossOriginFilter", KnownFilters.corsFilter(className), className);
        }
    }

    @Test
    void springsCorsFilter() {
        assertEquals("Spring's CorsFilter", KnownFilters.corsFilter("org.springframework.web.filter.CorsFilter"));
    }

    @Test
    void theTransactionCompanysCorsFilter() {
        assertEquals("the CORSFilter of com.thetransactioncompany",
                KnownFilters.corsFilter("com.thetransactioncompany.cors.CORSFilter"));
    }

    @Test
    void lookalikesAreNotRecognised() {
        for (String className : new String[] {
                "com.example.CorsFilter", "org.apache.catalina.filters.CorsFilterSubclass",
                "org.springframework.web.filter.CorsFilter$Inner", "org.springframework.web.cors.CorsFilter",
                "com.thetransactioncompany.cors.CORSConfiguration", "com.example.jetty.CrossOriginFilter",
                "org.eclipse.jetty.servlets.CrossOriginFilterTest$Probe"}) {
            assertNull(KnownFilters.corsFilter(className), className);
        }
        assertNull(KnownFilters.corsFilter(null));
    }

    @Test
    void wellKnownAuthFilters() {
        assertTrue(KnownFilters.isAuthFilter("org.springframework.security.web.FilterChainProxy"));
        assertTrue(KnownFilters.isAuthFilter("org.apache.shiro.web.servlet.ShiroFilter"));
        assertTrue(KnownFilters.isAuthFilter("org.keycloak.adapters.servlet.KeycloakOIDCFilter"));
        assertFalse(KnownFilters.isAuthFilter("org.springframework.web.filter.CorsFilter"));
        assertFalse(KnownFilters.isAuthFilter("com.example.MyAuthFilter"));
    }
}
