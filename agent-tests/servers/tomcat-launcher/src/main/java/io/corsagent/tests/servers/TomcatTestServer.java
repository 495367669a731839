package io.corsagent.tests.servers;

import java.nio.file.Files;
import java.nio.file.Path;

import io.corsagent.testapp.TestApp;
import io.corsagent.testapp.server.TestServerLifecycle;

import org.apache.catalina.Context;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;

/**
 * Embedded Tomcat (8.5, 9, 10.1 or 11, whichever is on the class path) serving the test app on an ephemeral port, over
 * HTTP/1.1 and h2c.
 * Uses only Tomcat API whose signatures carry no servlet types, so it runs on javax and jakarta releases alike.
 */
public final class TomcatTestServer {

    private TomcatTestServer() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("cors-test-tomcat");
        base.toFile().deleteOnExit();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        // The web app's classes come from this class's loader (the system class loader unless a test says otherwise).
        tomcat.getServer().setParentClassLoader(TomcatTestServer.class.getClassLoader());
        // HTTP/2 cleartext both ways: a connection that starts with the HTTP/2 preface, or an Upgrade: h2c request.
        tomcat.getConnector().addUpgradeProtocol(new Http2Protocol());
        tomcat.addUser(TestApp.USER, TestApp.PASSWORD);
        tomcat.addRole(TestApp.USER, TestApp.ROLE);
        tomcat.getEngine().getPipeline().addValve(new StdoutAccessLog());

        Context context = tomcat.addContext(TestApp.CONTEXT_PATH, null);
        addFilter(context, "auth", TestApp.AUTH_FILTER);
        addFilter(context, "app-cors", TestApp.CORS_FILTER);
        addServlet(context, "app", TestApp.APP_SERVLET, "/");
        addServlet(context, "counters", TestApp.COUNTERS_SERVLET, TestApp.COUNTERS_PATH);
        addServlet(context, "error", TestApp.ERROR_SERVLET, TestApp.ERROR_PAGE_PATH);
        ErrorPage everyStatus = new ErrorPage();
        everyStatus.setLocation(TestApp.ERROR_PAGE_PATH);
        context.addErrorPage(everyStatus);
        secure(context);

        tomcat.start();
        TestServerLifecycle.listening(tomcat.getConnector().getLocalPort());
        tomcat.getServer().await();
    }

    private static void addFilter(Context context, String name, String className) {
        FilterDef filter = new FilterDef();
        filter.setFilterName(name);
        filter.setFilterClass(className);
        filter.setAsyncSupported("true");
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName(name);
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
    }

    private static void addServlet(Context context, String name, String className, String pattern)
            throws ReflectiveOperationException {
        Tomcat.addServlet(context, name, className).setAsyncSupported(true);
        try {
            context.addServletMappingDecoded(pattern, name);
        } catch (NoSuchMethodError early85) {
            // Early 8.5 releases have only addServletMapping, which 9.0's later releases no longer have.
            Context.class.getMethod("addServletMapping", String.class, String.class).invoke(context, pattern, name);
        }
    }

    /** Container-managed BASIC auth on /secure/*: what rejects a preflight before any filter runs. */
    private static void secure(Context context) {
        SecurityCollection collection = new SecurityCollection();
        collection.addPattern(TestApp.SECURE_PATTERN);
        SecurityConstraint constraint = new SecurityConstraint();
        constraint.addAuthRole(TestApp.ROLE);
        constraint.addCollection(collection);
        context.addConstraint(constraint);
        context.addSecurityRole(TestApp.ROLE);
        LoginConfig login = new LoginConfig();
        login.setAuthMethod("BASIC");
        login.setRealmName(TestApp.REALM);
        context.setLoginConfig(login);
        context.getPipeline().addValve(new BasicAuthenticator());
    }
}
