package io.corsagent.testapp;

import java.io.IOException;

import javax.servlet.DispatcherType;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The app: answers every path with the path it was served on (so tests see which path the container served),
 * with its own {@code Vary}, and with {@code ?error=<status>} through {@code sendError}, after reflecting the
 * Origin once more (an app that sets CORS headers late, right before an error); {@code ?reset} writes, resets the
 * response and starts over; {@code ?flush} commits the response early with {@code flushBuffer()};
 * {@code ?async=complete|dispatch|resume|timeout|thread} answers asynchronously ({@link AsyncReplies}).
 */
public class AppServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String served = request.getContextPath() + request.getServletPath()
                + (request.getPathInfo() == null ? "" : request.getPathInfo());
        response.setHeader("X-Served-Path", served);
        response.setHeader("Vary", "Accept-Encoding");
        String async = request.getParameter("async");
        if (async != null && request.getDispatcherType() != DispatcherType.ASYNC) {
            AsyncReplies.start(async, this, request, response, served);
            return;
        }
        if (async != null) {
            // The ASYNC dispatch of ?async=dispatch: the app reflects the Origin once more.
            ReflectingCorsFilter.reflect(request, response);
        }
        String error = request.getParameter("error");
        if (error != null) {
            ReflectingCorsFilter.reflect(request, response);
            response.sendError(Integer.parseInt(error), "requested error");
            return;
        }
        if (request.getParameter("reset") != null) {
            response.getWriter().write("before reset\n");
            response.reset();
            ReflectingCorsFilter.reflect(request, response);
            response.setHeader("X-Served-Path", served);
        }
        response.setContentType("text/plain");
        if (request.getParameter("flush") != null) {
            response.flushBuffer();
        }
        response.getWriter().write(request.getMethod() + " " + served + "\n");
    }
}
