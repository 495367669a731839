package io.corsagent.demo.api;

import io.corsagent.demo.DemoSession;
import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/account}: the user's bank details, with the OWASP bug: a developer "fixed" CORS here by echoing
 * whatever {@code Origin} arrives, with credentials allowed. Any site the user visits can read this with the
 * user's cookie.
 */
public final class AccountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String origin = request.getHeader("Origin");
        if (origin != null) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
        }
        Json.send(response, HttpServletResponse.SC_OK,
                "{\"user\":\"" + DemoSession.USER + "\",\"iban\":\"DE89 3704 0044 0532 0130 00\"}");
    }
}
