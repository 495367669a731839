package org.springframework.web.filter;

/** TEST STAND-IN: only the name of Spring's CORS filter matters to the audit, which keeps a filter's class name. */
public final class CorsFilter {
}
