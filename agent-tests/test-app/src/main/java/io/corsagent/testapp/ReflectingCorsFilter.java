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
 * The app's own CORS handling, broken the way the OWASP finding describes: it reflects any {@code Origin} with
 * credentials, and answers preflights itself with whatever was asked for. It runs after the auth filter, so a
 * browser's preflight never reaches it.
 */
public class ReflectingCorsFilter implements Filter {

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
        HitCounters.APP.incrementAndGet();
        String origin = request.getHeader("Origin");
        if (origin == null) {
            chain.doFilter(req, res);
            return;
        }
        reflect(request, response);
        String requestedMethod = request.getHeader("Access-Control-Request-Method");
        if ("OPTIONS".equals(request.getMethod()) && requestedMethod != null) {
            response.setHeader("Access-Control-Allow-Methods", requestedMethod);
            String requestedHeaders = request.getHeader("Access-Control-Request-Headers");
            if (requestedHeaders != null) {
                response.setHeader("Access-Control-Allow-Headers", requestedHeaders);
            }
            response.setHeader("Access-Control-Max-Age", "86400");
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        chain.doFilter(req, res);
    }

    /** Trusts whatever Origin came in, with credentials: the bug the agent must fix. */
    static void reflect(HttpServletRequest request, HttpServletResponse response) {
        String origin = request.getHeader("Origin");
        if (origin != null) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.setHeader("Access-Control-Expose-Headers", "X-Served-Path, X-Secret");
        }
    }

    @Override
    public void destroy() {
    }
}
