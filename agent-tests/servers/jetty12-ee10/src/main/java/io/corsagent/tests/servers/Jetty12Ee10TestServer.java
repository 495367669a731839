package io.corsagent.tests.servers;

import java.util.EnumSet;

import jakarta.servlet.DispatcherType;

import io.corsagent.testapp.TestApp;
import io.corsagent.testapp.server.TestServerLifecycle;

import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Credential;

/** Jetty 12 with the ee10 (jakarta) environment serving the test app on an ephemeral port, HTTP/1.1 and h2c. */
public final class Jetty12Ee10TestServer {

    private Jetty12Ee10TestServer() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        // HTTP/2 cleartext both ways: a connection that starts with the HTTP/2 preface, or an Upgrade: h2c request.
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http),
                new HTTP2CServerConnectionFactory(http));
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
        ConstraintMapping mapping = new ConstraintMapping();
        mapping.setConstraint(Constraint.from(TestApp.ROLE));
        mapping.setPathSpec(TestApp.SECURE_PATTERN);
        security.addConstraintMapping(mapping);
        security.setAuthenticator(new BasicAuthenticator());
        security.setRealmName(TestApp.REALM);
        UserStore users = new UserStore();
        users.addUser(TestApp.USER, Credential.getCredential(TestApp.PASSWORD), new String[] {TestApp.ROLE});
        HashLoginService login = new HashLoginService(TestApp.REALM);
        login.setUserStore(users);
        security.setLoginService(login);
    }
}
