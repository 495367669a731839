package io.corsagent.demo;

import io.corsagent.demo.api.AccountServlet;
import io.corsagent.demo.api.LegacyCorsFilter;
import io.corsagent.demo.api.MeServlet;
import io.corsagent.demo.api.OrdersServlet;
import io.corsagent.demo.api.ProductsServlet;
import io.corsagent.demo.api.RequestIdFilter;
import io.corsagent.demo.api.SessionAuthFilter;
import io.corsagent.demo.api.StatusServlet;
import io.corsagent.demo.web.ConfigScriptServlet;
import io.corsagent.demo.web.PageFilesServlet;
import java.io.IOException;
import java.util.EnumSet;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import org.eclipse.jetty.ee8.servlet.FilterHolder;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * The demo: a legacy shop API with broken CORS handling (port 8080), its frontend page on a second origin (8081),
 * and an attacker's page on a third origin (8082). One Jetty 12 server, one connector per origin; each context
 * answers only on its own connector.
 */
public final class DemoApp {

    static final String API = "api";
    static final String PAGE = "page";
    static final String ATTACKER = "attacker";

    private DemoApp() {
    }

    public static void main(String[] args) throws Exception {
        DemoConfig config = DemoConfig.from(args);
        Server server;
        try {
            server = start(config);
        } catch (IOException e) {
            // Most likely a demo is already running: one line a newcomer can act on, not a stack trace.
            System.err.println("demo-app: " + e.getMessage() + " (" + e.getCause() + "). Is the demo already"
                    + " running? Other ports: --api-port=9080 --page-port=9081 --attacker-port=9082, and put the"
                    + " page's origin in the policy.");
            System.exit(1);
            return;
        }
        String base = "http://" + config.host + ":";
        System.out.println("demo-app ready: api=" + base + port(server, API) + "/api page=" + base
                + port(server, PAGE) + "/ attacker=" + base + port(server, ATTACKER) + "/");
        System.out.println("Open " + base + port(server, PAGE) + "/ in a browser (the shop's frontend), then "
                + base + port(server, ATTACKER) + "/ (a page that tries to read the user's account). Ctrl-C stops.");
        server.join();
    }

    /** Starts the three origins; {@link #port} tells where each one listens. */
    static Server start(DemoConfig config) throws Exception {
        Server server = new Server();
        ServerConnector api = connector(server, API, config.bindAddress, config.apiPort);
        ServerConnector page = connector(server, PAGE, config.bindAddress, config.pagePort);
        ServerConnector attacker = connector(server, ATTACKER, config.bindAddress, config.attackerPort);

        String configScript = "window.DEMO = {api: 'http://" + config.host + ":%d/api', page: 'http://" + config.host
                + ":%d/', attacker: 'http://" + config.host + ":%d/'};\n";
        ConfigScriptServlet configServlet = new ConfigScriptServlet(() -> String.format(configScript,
                api.getLocalPort(), page.getLocalPort(), attacker.getLocalPort()));

        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(apiContext().get());
        contexts.addHandler(pageContext(PAGE, new PageFilesServlet("index.html", DemoSession.SET_COOKIE,
                "calls.js", "shop.js", "demo.css"), configServlet).get());
        contexts.addHandler(pageContext(ATTACKER, new PageFilesServlet("attacker.html", null,
                "calls.js", "attacker.js", "demo.css"), configServlet).get());
        server.setHandler(contexts);
        server.setStopAtShutdown(true);
        server.start();
        return server;
    }

    /** The port the connector of one origin ({@code api}, {@code page} or {@code attacker}) listens on. */
    static int port(Server server, String origin) {
        for (Connector connector : server.getConnectors()) {
            if (origin.equals(connector.getName())) {
                return ((ServerConnector) connector).getLocalPort();
            }
        }
        throw new IllegalArgumentException("no connector " + origin);
    }

    private static ServerConnector connector(Server server, String name, String bindAddress, int port) {
        ServerConnector connector = new ServerConnector(server);
        connector.setName(name);
        connector.setHost(bindAddress);
        connector.setPort(port);
        server.addConnector(connector);
        return connector;
    }

    /**
     * The API, filters in the order the legacy app registers them: request id, then the login check, then the
     * homegrown CORS filter, which therefore never sees a preflight to a protected path.
     */
    private static ServletContextHandler apiContext() {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/" + API);
        context.setVirtualHosts(new String[] {"@" + API});
        addFilter(context, new RequestIdFilter(), "/*");
        addFilter(context, new SessionAuthFilter(), "/*");
        // "/orders/*" covers /orders itself too (Servlet spec path mapping).
        addFilter(context, new LegacyCorsFilter(), "/status", "/me", "/orders/*");
        context.addServlet(new ServletHolder(new StatusServlet()), "/status");
        context.addServlet(new ServletHolder(new ProductsServlet()), "/products");
        context.addServlet(new ServletHolder(new MeServlet()), "/me");
        context.addServlet(new ServletHolder(new OrdersServlet()), "/orders/*");
        context.addServlet(new ServletHolder(new AccountServlet()), "/account");
        return context;
    }

    private static void addFilter(ServletContextHandler context, Filter filter, String... paths) {
        FilterHolder holder = new FilterHolder(filter);
        for (String path : paths) {
            context.addFilter(holder, path, EnumSet.of(DispatcherType.REQUEST));
        }
    }

    private static ServletContextHandler pageContext(String connector, PageFilesServlet files,
            ConfigScriptServlet configServlet) {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.setVirtualHosts(new String[] {"@" + connector});
        context.addServlet(new ServletHolder(files), "/");
        context.addServlet(new ServletHolder(configServlet), "/config.js");
        return context;
    }
}
