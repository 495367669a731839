package io.corsagent.demo.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletResponse;

/** Writes a JSON body. The demo's payloads are fixed strings and numbers, so no JSON library is needed. */
final class Json {

    private Json() {
    }

    static void send(HttpServletResponse response, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
