package io.corsagent.testapp;

import java.io.IOException;

import javax.servlet.RequestDispatcher;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** The app's error page (an ERROR dispatch), which reflects the Origin too, as careless error pages do. */
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ReflectingCorsFilter.reflect(request, response);
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        response.setContentType("text/plain");
        response.getWriter().write("error page " + status + "\n");
    }
}
