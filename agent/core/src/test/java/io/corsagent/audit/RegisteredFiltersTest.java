package io.corsagent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Servlet URL pattern matching (Servlet spec 12.2) and reading registrations from a servlet context. */
class RegisteredFiltersTest {

    @Test
    void pathPatterns() {
        assertTrue(RegisteredFilters.matches("/*", "/anything/at/all"));
        assertTrue(RegisteredFilters.matches("/", "/anything"));
        assertTrue(RegisteredFilters.matches("/api/*", "/api"));
        assertTrue(RegisteredFilters.matches("/api/*", "/api/orders/7"));
        assertFalse(RegisteredFilters.matches("/api/*", "/apiary"));
        assertFalse(RegisteredFilters.matches("/api/*", "/other/api/orders"));
    }

    @Test
    void extensionExactAndRootPatterns() {
        assertTrue(RegisteredFilters.matches("*.json", "/api/orders.json"));
        assertFalse(RegisteredFilters.matches("*.json", "/api.json/orders"));
        assertTrue(RegisteredFilters.matches("/api/orders", "/api/orders"));
        assertFalse(RegisteredFilters.matches("/api/orders", "/api/orders/7"));
        assertTrue(RegisteredFilters.matches("", "/"));
        assertFalse(RegisteredFilters.matches("", "/api"));
    }

    @Test
    void registrationsAndContextPathOfAServletContext() {
        FakeServletContext context = new FakeServletContext("/shop",
                new FakeServletContext.Registration("org.apache.catalina.filters.CorsFilter", "/api/*"),
                new FakeServletContext.Registration("com.example.AuthFilter", "/*"));
        List<RegisteredFilters.Registration> registrations = RegisteredFilters.of(context);
        assertEquals(2, registrations.size());
        assertEquals("org.apache.catalina.filters.CorsFilter", registrations.get(0).className);
        assertTrue(registrations.get(0).mapsPath("/api/orders"));
        assertFalse(registrations.get(0).mapsPath("/admin"));
        assertEquals("/shop", RegisteredFilters.contextPath(context));
    }

    @Test
    void aContextWithoutRegistrationsGivesNone() {
        assertEquals(List.of(), RegisteredFilters.of(new Object()));
        assertEquals(List.of(), RegisteredFilters.of(null));
        assertEquals("", RegisteredFilters.contextPath(new Object()));
    }
}
