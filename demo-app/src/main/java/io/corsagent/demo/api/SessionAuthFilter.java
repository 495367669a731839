package io.corsagent.demo.api;

import io.corsagent.demo.DemoSession;
import java.io.IOException;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpFilter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The API's login check, registered BEFORE the app's CORS filter: the misorder of the field guide. A browser
 * never sends cookies on a preflight, so every {@code OPTIONS} preflight to a protected path ends here with 401
 * and the browser reports a CORS error for a call the policy would allow.
 */
public final class SessionAuthFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (PublicPaths.isPublic(pathInContext(request)) || hasSession(request)) {
            chain.doFilter(request, response);
            return;
        }
        Json.send(response, HttpServletResponse.SC_UNAUTHORIZED, "{\"error\":\"login required\"}");
    }

    /** The decoded, normalised path below the context path, as the container matched it. */
    private static String pathInContext(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
    }

    private static boolean hasSession(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        for (Cookie cookie : cookies) {
            if (DemoSession.COOKIE_NAME.equals(cookie.getName()) && DemoSession.COOKIE_VALUE.equals(cookie.getValue())) {
                return true;
            }
        }
        return false;
    }
}
