package io.corsagent.testapp;

import java.io.IOException;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The classic misordered auth filter: registered before the app's CORS handling, it rejects every request
 * without an {@code Authorization} header with 401, OPTIONS preflights included (which a browser never
 * sends credentials with). Only the test's counters endpoint is exempt.
 */
public class MisorderedAuthFilter implements Filter {

    @Override
    public void init(FilterConfig config) {
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (TestApp.COUNTERS_PATH.equals(request.getServletPath())) {
            chain.doFilter(req, res);
            return;
        }
        HitCounters.AUTH_FILTER.incrementAndGet();
        if (request.getHeader("Authorization") == null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"test-app\"");
            response.setContentType("text/plain");
            response.getWriter().write("unauthorized\n");
            return;
        }
        chain.doFilter(req, res);
    }

    @Override
    public void destroy() {
    }
}
