package io.corsagent.tests.servers;

import java.util.EnumSet;

import jakarta.servlet.DispatcherType;

import io.corsagent.testapp.TestApp;
import io.corsagent.testapp.audit.AuditApp;
import io.corsagent.testapp.server.TestServerLifecycle;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Jetty 12 (ee10, jakarta) serving the audit app ({@link AuditApp}) with Jetty's own CORS filter,
 * {@code org.eclipse.jetty.ee10.servlets.CrossOriginFilter}, where the app has one; container security is Jetty's
 * {@code ConstraintSecurityHandler}, set up as for the test app.
 */
public final class Jetty12Ee10AuditTestServer {

    /** Jetty's CORS filter of the ee10 environment (jetty-ee10-servlets). */
    static final String CROSS_ORIGIN_FILTER = "org.eclipse.jetty.ee10.servlets.CrossOriginFilter";

    private Jetty12Ee10AuditTestServer() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(0);
        server.addConnector(connector);
        server.setRequestLog((request, response) -> System.out.println(
                "ACCESS " + request.getMethod() + " " + request.getHttpURI().getPath() + " " + response.getStatus()));

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SECURITY);
        context.setContextPath(TestApp.CONTEXT_PATH);
        // Jetty applies filters mapped to a path in the order they were added, as AuditApp lists them.
        filter(context, AuditApp.BEARER_AUTH_FILTER, AuditApp.MISORDERED);
        corsFilter(context, AuditApp.MISORDERED);
        filter(context, AuditApp.SECURITY_CHAIN_FILTER, AuditApp.DELEGATING);
        corsFilter(context, AuditApp.DELEGATING);
        filter(context, AuditApp.LOGIN_REDIRECT_FILTER, AuditApp.LOGIN_REDIRECT);
        corsFilter(context, AuditApp.LOGIN_REDIRECT);
        corsFilter(context, AuditApp.ORDERED);
        filter(context, AuditApp.BEARER_AUTH_FILTER, AuditApp.ORDERED);
        filter(context, AuditApp.BEARER_AUTH_FILTER, AuditApp.WITHOUT_CORS);
        context.addServlet(TestApp.APP_SERVLET, "/");
        Jetty12Ee10TestServer.secure((ConstraintSecurityHandler) context.getSecurityHandler());
        server.setHandler(context);

        server.start();
        TestServerLifecycle.listening(connector.getLocalPort());
        server.join();
    }

    private static FilterHolder filter(ServletContextHandler context, String className, String pattern) {
        return context.addFilter(className, pattern, EnumSet.of(DispatcherType.REQUEST));
    }

    private static void corsFilter(ServletContextHandler context, String pattern) {
        FilterHolder cors = filter(context, CROSS_ORIGIN_FILTER, pattern);
        cors.setInitParameter("allowedOrigins", AuditApp.CORS_ALLOWED_ORIGINS);
        cors.setInitParameter("allowedMethods", AuditApp.CORS_ALLOWED_METHODS);
        cors.setInitParameter("allowedHeaders", AuditApp.CORS_ALLOWED_HEADERS);
        // Answer preflights itself, as Tomcat's CorsFilter does, instead of passing them on down the chain.
        cors.setInitParameter("chainPreflight", "false");
    }
}
