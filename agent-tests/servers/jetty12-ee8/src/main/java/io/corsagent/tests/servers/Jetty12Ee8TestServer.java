package io.corsagent.tests.servers;

import java.util.EnumSet;

import javax.servlet.DispatcherType;

import io.corsagent.testapp.TestApp;
import io.corsagent.testapp.server.TestServerLifecycle;

import org.eclipse.jetty.ee8.nested.ServletConstraint;
import org.eclipse.jetty.ee8.security.ConstraintMapping;
import org.eclipse.jetty.ee8.security.ConstraintSecurityHandler;
import org.eclipse.jetty.ee8.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.ee8.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Credential;

/** Jetty 12 with the ee8 (javax) environment serving the test app on an ephemeral port. */
public final class Jetty12Ee8TestServer {

    private Jetty12Ee8TestServer() {
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
        context.addFilter(TestApp.AUTH_FILTER, "/*", EnumSet.of(DispatcherType.REQUEST)).setAsyncSupported(true);
        context.addFilter(TestApp.CORS_FILTER, "/*", EnumSet.of(DispatcherType.REQUEST)).setAsyncSupported(true);
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
    static void secure(ConstraintSecurityHandler security) {
        ServletConstraint constraint = new ServletConstraint("BASIC", TestApp.ROLE);
        constraint.setRoles(new String[] {TestApp.ROLE});
        constraint.setAuthenticate(true);
        ConstraintMapping mapping = new ConstraintMapping();
        mapping.setConstraint(constraint);
        mapping.setPathSpec(TestApp.SECURE_PATTERN);
        security.addConstraintMapping(mapping);
        security.setAuthenticator(new BasicAuthenticator());
        security.setRealmName(TestApp.REALM);
        security.setLoginService(loginService());
    }

    private static HashLoginService loginService() {
        UserStore users = new UserStore();
        users.addUser(TestApp.USER, Credential.getCredential(TestApp.PASSWORD), new String[] {TestApp.ROLE});
        HashLoginService login = new HashLoginService(TestApp.REALM);
        login.setUserStore(users);
        return login;
    }
}
