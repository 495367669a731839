package io.corsagent.testapp.audit;

import java.io.IOException;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** A plain auth filter: no {@code Authorization}, no entry (401), OPTIONS preflights included. */
public class BearerAuthFilter implements Filter {

    @Override
    public void init(FilterConfig config) {
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (((HttpServletRequest) req).getHeader("Authorization") == null) {
            reject((HttpServletResponse) res);
            return;
        }
        chain.doFilter(req, res);
    }

    static void reject(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"audit-app\"");
        response.setContentType("text/plain");
        response.getWriter().write("unauthorized\n");
    }

    @Override
    public void destroy() {
    }
}
