package io.corsagent.demo.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code /config.js}: tells the page where the API is. The script is made when first asked for, because with port 0
 * the ports are known only once the server has started.
 */
public final class ConfigScriptServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Supplier<String> script;

    public ConfigScriptServlet(Supplier<String> script) {
        this.script = script;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = script.get().getBytes(StandardCharsets.UTF_8);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/javascript;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
