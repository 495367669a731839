package io.corsagent.demo.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Serves one origin's page: its HTML at {@code /} and the few scripts and styles it loads, read once from the
 * class path at start-up. Anything else is 404.
 */
public final class PageFilesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final Map<String, PageFile> files = new HashMap<>();
    private final String setCookie;

    /**
     * @param indexFile the HTML served at {@code /}
     * @param setCookie a {@code Set-Cookie} value sent with the HTML, or null
     * @param assets the other files of the page, by name
     */
    public PageFilesServlet(String indexFile, String setCookie, String... assets) {
        this.setCookie = setCookie;
        files.put("/", PageFile.load(indexFile));
        for (String asset : assets) {
            files.put("/" + asset, PageFile.load(asset));
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        PageFile file = files.get(path);
        if (file == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (setCookie != null && "/".equals(path)) {
            response.addHeader("Set-Cookie", setCookie);
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(file.contentType);
        response.setContentLength(file.bytes.length);
        response.getOutputStream().write(file.bytes);
    }

    private static final class PageFile {
        final String contentType;
        final byte[] bytes;

        private PageFile(String contentType, byte[] bytes) {
            this.contentType = contentType;
            this.bytes = bytes;
        }

        static PageFile load(String name) {
            try (InputStream in = PageFilesServlet.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("demo-app: page file missing from the jar: " + name);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    out.write(buffer, 0, n);
                }
                return new PageFile(contentType(name), out.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String contentType(String name) {
            if (name.endsWith(".html")) {
                return "text/html;charset=utf-8";
            }
            if (name.endsWith(".js")) {
                return "text/javascript;charset=utf-8";
            }
            if (name.endsWith(".css")) {
                return "text/css;charset=utf-8";
            }
            throw new IllegalArgumentException("demo-app: no content type for " + name);
        }
    }
}
