package io.corsagent.tools;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** The application behind the CORS filters under test: 200 to every method, with a header worth exposing. */
public final class AnswerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("X-Request-Id", "42");
        response.setContentType("text/plain");
        response.getWriter().print("ok");
    }
}
