package io.corsagent.demo.api;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** {@code GET /api/products}: public catalogue; no CORS filter is mapped here, so it has no CORS headers at all. */
public final class ProductsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.send(response, HttpServletResponse.SC_OK,
                "{\"products\":[{\"sku\":\"mug-01\",\"name\":\"Mug\"},{\"sku\":\"tee-02\",\"name\":\"T-shirt\"}]}");
    }
}
