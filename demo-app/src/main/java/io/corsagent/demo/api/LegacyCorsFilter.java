package io.corsagent.demo.api;

import java.io.IOException;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpFilter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The app's homegrown CORS handling, copied from a forum answer years ago. Three bugs, each one a classic:
 * <ul>
 *   <li>{@code Access-Control-Allow-Origin: *} together with {@code Access-Control-Allow-Credentials: true}, which
 *       browsers refuse for every request made with credentials;</li>
 *   <li>it answers preflights, but it runs after {@link SessionAuthFilter}, so no preflight to a protected path
 *       ever reaches it;</li>
 *   <li>it is mapped to some paths only ({@code /products} was forgotten), and exposes no response header.</li>
 * </ul>
 */
public final class LegacyCorsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Allow-Credentials", "true");
        if ("OPTIONS".equals(request.getMethod())) {
            response.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
            response.setHeader("Access-Control-Allow-Headers", "Content-Type");
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        chain.doFilter(request, response);
    }
}
