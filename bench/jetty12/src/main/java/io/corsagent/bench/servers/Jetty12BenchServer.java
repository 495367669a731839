package io.corsagent.bench.servers;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import jakarta.servlet.DispatcherType;

import io.corsagent.testapp.TestApp;
import io.corsagent.testapp.server.TestServerLifecycle;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlets.CrossOriginFilter;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.CrossOriginHandler;

/**
 * Jetty 12 (ee10) serving the test app's {@code AppServlet} under {@code /app} on loopback, with Jetty's defaults
 * (thread pool, one connector, no request log).
 *
 * <p>Arguments: {@code none | handler | filter} and a port (0 for an ephemeral one). {@code handler} puts Jetty 12's
 * core {@link CrossOriginHandler} in front of the context, {@code filter} the ee10 {@link CrossOriginFilter}; both
 * are configured with the values of {@code bench/policy/bench-policy.properties}.
 */
public final class Jetty12BenchServer {

    private Jetty12BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        String cors = args.length > 0 ? args[0] : "none";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath(TestApp.CONTEXT_PATH);
        context.addServlet(TestApp.APP_SERVLET, "/");
        Handler handler = context;
        switch (cors) {
            case "none":
                break;
            case "handler":
                handler = crossOriginHandler(context);
                break;
            case "filter":
                context.addFilter(crossOriginFilter(), "/*", EnumSet.of(DispatcherType.REQUEST));
                break;
            default:
                throw new IllegalArgumentException("none, handler or filter, not " + cors);
        }
        server.setHandler(handler);
        server.start();
        TestServerLifecycle.listening(connector.getLocalPort());
        server.join();
    }

    private static Handler crossOriginHandler(Handler next) {
        CrossOriginHandler cors = new CrossOriginHandler();
        // Patterns are regular expressions: the exact origins, quoted.
        cors.setAllowedOriginPatterns(Set.of("https://app\\.example\\.com", "https://admin\\.example\\.com"));
        cors.setAllowedMethods(Set.of("GET", "HEAD", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(Set.of("Content-Type", "Authorization", "X-Requested-With"));
        cors.setExposedHeaders(Set.of("X-Request-Id"));
        cors.setAllowCredentials(true);
        cors.setPreflightMaxAge(Duration.ofSeconds(600));
        cors.setHandler(next);
        return cors;
    }

    @SuppressWarnings("deprecation")
    private static FilterHolder crossOriginFilter() {
        FilterHolder filter = new FilterHolder(CrossOriginFilter.class);
        filter.setInitParameter(CrossOriginFilter.ALLOWED_ORIGINS_PARAM, "https://app.example.com,https://admin.example.com");
        filter.setInitParameter(CrossOriginFilter.ALLOWED_METHODS_PARAM, "GET,HEAD,POST,PUT,DELETE");
        filter.setInitParameter(CrossOriginFilter.ALLOWED_HEADERS_PARAM, "Content-Type,Authorization,X-Requested-With");
        filter.setInitParameter(CrossOriginFilter.EXPOSED_HEADERS_PARAM, "X-Request-Id");
        filter.setInitParameter(CrossOriginFilter.ALLOW_CREDENTIALS_PARAM, "true");
        filter.setInitParameter(CrossOriginFilter.PREFLIGHT_MAX_AGE_PARAM, "600");
        // Answer preflights in the filter, as the agent and the other filters do, instead of passing them on.
        filter.setInitParameter(CrossOriginFilter.CHAIN_PREFLIGHT_PARAM, "false");
        return filter;
    }
}
