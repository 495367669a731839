package io.corsagent.bench.servers;

import io.corsagent.bench.app.BenchApp;
import io.corsagent.bench.app.BenchServerArguments;
import io.corsagent.testapp.TestApp;
import io.corsagent.testapp.server.TestServerLifecycle;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.FilterMapping;
import org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * Jetty 9.4 (javax) or 11 (jakarta), whichever is on the class path, serving the bench app on loopback with Jetty's
 * defaults (thread pool, one connector, no request log). Filters are named as strings and mapped with Jetty's int
 * dispatch mask, so no servlet type appears in a signature this calls.
 *
 * <p>Arguments ({@link BenchServerArguments}): {@code none | app-fields | filter}, the port, the pass-through
 * filters. {@code filter} maps Jetty's own {@code CrossOriginFilter} first on {@code /*}.
 */
public final class JettyBenchServer {

    private JettyBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        BenchServerArguments arguments = BenchServerArguments.parse(args, "filter");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(arguments.port());
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath(TestApp.CONTEXT_PATH);
        if (arguments.cors().equals("filter")) {
            FilterHolder cors = addFilter(context, "org.eclipse.jetty.servlets.CrossOriginFilter");
            BenchApp.jettyCrossOriginFilterParameters().forEach(cors::setInitParameter);
        } else if (arguments.cors().equals(BenchServerArguments.APP_FIELDS)) {
            addFilter(context, BenchApp.CORS_FIELDS_FILTER);
        }
        for (int i = 0; i < arguments.passThroughFilters(); i++) {
            addFilter(context, BenchApp.PASS_THROUGH_FILTER);
        }
        context.addServlet(TestApp.APP_SERVLET, "/");
        server.setHandler(context);

        server.start();
        BenchServerArguments.printContainer("Jetty " + Server.getVersion());
        TestServerLifecycle.listening(connector.getLocalPort());
        server.join();
    }

    private static FilterHolder addFilter(ServletContextHandler context, String className) {
        return context.getServletHandler().addFilterWithMapping(className, "/*", FilterMapping.REQUEST);
    }
}
