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
import java.util.EnumSet;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import org.eclipse.jetty.ee8.servlet.FilterHolder;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * The demo: a legacy shop API with broken CORS handling (port 8080), its frontend page on a second origin (8081),
 * and an attacker's page on a third origin (8082). One Jetty 12 server, one connector per origin; each context
 * answers only on its own connector.
 */
public final class DemoApp {

    private static final String API = "api";
    private static final String PAGE = "page";
    private static final String ATTACKER = "attacker";

    private DemoApp() {
    }

    public static void main(String[] args) throws Exception {
        DemoConfig config = DemoConfig.from(args);
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

        String base = "http://" + config.host + ":";
        System.out.println("demo-app ready: api=" + base + api.getLocalPort() + "/api page=" + base
                + page.getLocalPort() + "/ attacker=" + base + attacker.getLocalPort() + "/");
        System.out.println("Open " + base + page.getLocalPort() + "/ in a browser (the shop's frontend), then "
                + base + attacker.getLocalPort() + "/ (a page that tries to read the user's account). Ctrl-C stops.");
        server.join();
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
        addFilter(context, new LegacyCorsFilter(), "/status", "/me", "/orders", "/orders/*");
        context.addServlet(new ServletHolder(new StatusServlet()), "/status");
        context.addServlet(new ServletHolder(new ProductsServlet()), "/products");
        context.addServlet(new ServletHolder(new MeServlet()), "/me");
        ServletHolder orders = new ServletHolder(new OrdersServlet());
        context.addServlet(orders, "/orders");
        context.addServlet(orders, "/orders/*");
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
