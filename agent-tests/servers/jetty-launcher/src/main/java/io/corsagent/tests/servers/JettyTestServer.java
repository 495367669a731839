package io.corsagent.tests.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.corsagent.testapp.TestApp;
import io.corsagent.testapp.server.TestServerLifecycle;

import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.servlet.FilterMapping;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.util.security.Constraint;

/** Jetty 9.4, 10 (javax) or 11 (jakarta), whichever is on the class path, serving the test app on an ephemeral port. */
public final class JettyTestServer {

    private JettyTestServer() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(0);
        server.addConnector(connector);
        server.setRequestLog((request, response) -> System.out.println(
                "ACCESS " + request.getMethod() + " " + request.getRequestURI() + " " + response.getStatus()));

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SECURITY);
        context.setContextPath(TestApp.CONTEXT_PATH);
        context.getServletHandler().addFilterWithMapping(TestApp.AUTH_FILTER, "/*", FilterMapping.REQUEST)
                .setAsyncSupported(true);
        context.getServletHandler().addFilterWithMapping(TestApp.CORS_FILTER, "/*", FilterMapping.REQUEST)
                .setAsyncSupported(true);
        context.addServlet(TestApp.APP_SERVLET, "/").setAsyncSupported(true);
        context.addServlet(TestApp.COUNTERS_SERVLET, TestApp.COUNTERS_PATH).setAsyncSupported(true);
        context.addServlet(TestApp.ERROR_SERVLET, TestApp.ERROR_PAGE_PATH).setAsyncSupported(true);
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, TestApp.ERROR_PAGE_PATH);
        context.setErrorHandler(errors);
        secure((ConstraintSecurityHandler) context.getSecurityHandler());
        server.setHandler(context);

        server.start();
        TestServerLifecycle.listening(connector.getLocalPort());
        server.join();
    }

    /** Container-managed BASIC auth on /secure/*: what rejects a preflight before any filter runs. */
    private static void secure(ConstraintSecurityHandler security) throws IOException {
        Constraint constraint = new Constraint(Constraint.__BASIC_AUTH, TestApp.ROLE);
        constraint.setRoles(new String[] {TestApp.ROLE});
        constraint.setAuthenticate(true);
        ConstraintMapping mapping = new ConstraintMapping();
        mapping.setConstraint(constraint);
        mapping.setPathSpec(TestApp.SECURE_PATTERN);
        security.addConstraintMapping(mapping);
        security.setAuthenticator(new BasicAuthenticator());
        security.setRealmName(TestApp.REALM);
        // A realm file rather than a UserStore, which early 9.4 releases do not have.
        Path realm = Files.createTempFile("cors-test-realm", ".properties");
        realm.toFile().deleteOnExit();
        Files.write(realm, List.of(TestApp.USER + ": " + TestApp.PASSWORD + "," + TestApp.ROLE));
        security.setLoginService(new HashLoginService(TestApp.REALM, realm.toString()));
    }
}
