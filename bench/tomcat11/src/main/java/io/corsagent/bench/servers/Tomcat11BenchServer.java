package io.corsagent.bench.servers;

import java.nio.file.Files;
import java.nio.file.Path;

import io.corsagent.testapp.TestApp;
import io.corsagent.testapp.server.TestServerLifecycle;

import org.apache.catalina.Context;
import org.apache.catalina.filters.CorsFilter;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat 11 serving the test app's {@code AppServlet} under {@code /app} on loopback, with Tomcat's
 * defaults (NIO connector, thread pool, no access log).
 *
 * <p>Arguments: {@code none | filter} and a port (0 for an ephemeral one). {@code filter} maps Tomcat's own
 * {@link CorsFilter} on {@code /*}, configured with the values of {@code bench/policy/bench-policy.properties}.
 */
public final class Tomcat11BenchServer {

    private Tomcat11BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        String cors = args.length > 0 ? args[0] : "none";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;

        Path base = Files.createTempDirectory("cors-bench-tomcat");
        base.toFile().deleteOnExit();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");

        Context context = tomcat.addContext(TestApp.CONTEXT_PATH, null);
        Tomcat.addServlet(context, "app", TestApp.APP_SERVLET);
        context.addServletMappingDecoded("/", "app");
        switch (cors) {
            case "none":
                break;
            case "filter":
                addCorsFilter(context);
                break;
            default:
                throw new IllegalArgumentException("none or filter, not " + cors);
        }
        tomcat.start();
        TestServerLifecycle.listening(tomcat.getConnector().getLocalPort());
        tomcat.getServer().await();
    }

    private static void addCorsFilter(Context context) {
        FilterDef filter = new FilterDef();
        filter.setFilterName("cors");
        filter.setFilterClass(CorsFilter.class.getName());
        filter.addInitParameter(CorsFilter.PARAM_CORS_ALLOWED_ORIGINS, "https://app.example.com,https://admin.example.com");
        filter.addInitParameter(CorsFilter.PARAM_CORS_ALLOWED_METHODS, "GET,HEAD,POST,OPTIONS,PUT,DELETE");
        filter.addInitParameter(CorsFilter.PARAM_CORS_ALLOWED_HEADERS, "Content-Type,Authorization,X-Requested-With");
        filter.addInitParameter(CorsFilter.PARAM_CORS_EXPOSED_HEADERS, "X-Request-Id");
        filter.addInitParameter(CorsFilter.PARAM_CORS_SUPPORT_CREDENTIALS, "true");
        filter.addInitParameter(CorsFilter.PARAM_CORS_PREFLIGHT_MAXAGE, "600");
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("cors");
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
    }
}
