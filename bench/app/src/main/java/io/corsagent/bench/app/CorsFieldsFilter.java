package io.corsagent.bench.app;

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
 * The floor of an allowed CORS GET: the app writes the response fields the agent writes for the bench policy, with
 * no policy behind them (an exact match of two origins). On a request from an allowed origin it sets
 * {@code Access-Control-Allow-Origin}, {@code -Allow-Credentials} and {@code -Expose-Headers}; on every response it
 * adds {@code Origin} to whatever {@code Vary} the servlet set, as the agent does. It answers no preflight (the
 * servlet does).
 */
public final class CorsFieldsFilter implements Filter {

    @Override
    public void init(FilterConfig config) {
        // The values are the bench policy's, in BenchApp.
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        String origin = request.getHeader("Origin");
        if (origin != null && BenchApp.ALLOWED_ORIGINS.contains(origin)) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.setHeader("Access-Control-Expose-Headers", BenchApp.EXPOSED_HEADERS);
        }
        chain.doFilter(request, response);
        // The servlet set its own Vary (and commits nothing before it returns): Origin is added to it.
        String vary = response.getHeader("Vary");
        response.setHeader("Vary", vary == null ? "Origin" : vary + ", Origin");
    }

    @Override
    public void destroy() {
        // Nothing to release.
    }
}
