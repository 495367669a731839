package io.corsagent.demo.api;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpFilter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Tags every API response with {@code X-Request-Id}, a header the frontend wants to read (it must be exposed). */
public final class RequestIdFilter extends HttpFilter {

    public static final String HEADER = "X-Request-Id";

    private static final long serialVersionUID = 1L;

    private final AtomicLong counter = new AtomicLong();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader(HEADER, "req-" + counter.incrementAndGet());
        chain.doFilter(request, response);
    }
}
