package io.corsagent.demo.api;

import io.corsagent.demo.DemoSession;
import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** {@code GET /api/me}: who is logged in; needs the session cookie, so the frontend calls it with credentials. */
public final class MeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.send(response, HttpServletResponse.SC_OK, "{\"user\":\"" + DemoSession.USER + "\"}");
    }
}
