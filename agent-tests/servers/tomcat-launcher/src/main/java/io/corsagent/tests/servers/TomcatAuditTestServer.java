package io.corsagent.tests.servers;

import java.nio.file.Files;
import java.nio.file.Path;

import io.corsagent.testapp.TestApp;
import io.corsagent.testapp.audit.AuditApp;
import io.corsagent.testapp.server.TestServerLifecycle;

import org.apache.catalina.Context;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;

/**
 * Embedded Tomcat (9, 10.1 or 11) serving the audit app ({@link AuditApp}): the misordered-auth cases side by side.
 * Like {@link TomcatTestServer}, free of servlet types, so the same bytecode starts javax and jakarta releases.
 */
public final class TomcatAuditTestServer {

    private TomcatAuditTestServer() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("cors-audit-tomcat");
        base.toFile().deleteOnExit();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        tomcat.addUser(TestApp.USER, TestApp.PASSWORD);
        tomcat.addRole(TestApp.USER, TestApp.ROLE);

        Context context = tomcat.addContext(TestApp.CONTEXT_PATH, null);
        filter(context, "misordered-auth", AuditApp.BEARER_AUTH_FILTER, AuditApp.MISORDERED);
        corsFilter(context, "misordered-cors", AuditApp.MISORDERED);
        filter(context, "security-chain", AuditApp.SECURITY_CHAIN_FILTER, AuditApp.DELEGATING);
        corsFilter(context, "delegating-cors", AuditApp.DELEGATING);
        filter(context, "login-redirect", AuditApp.LOGIN_REDIRECT_FILTER, AuditApp.LOGIN_REDIRECT);
        corsFilter(context, "login-redirect-cors", AuditApp.LOGIN_REDIRECT);
        corsFilter(context, "ordered-cors", AuditApp.ORDERED);
        filter(context, "ordered-auth", AuditApp.BEARER_AUTH_FILTER, AuditApp.ORDERED);
        filter(context, "no-cors-auth", AuditApp.BEARER_AUTH_FILTER, AuditApp.WITHOUT_CORS);
        Tomcat.addServlet(context, "app", TestApp.APP_SERVLET);
        context.addServletMappingDecoded("/", "app");
        secure(context);

        tomcat.start();
        TestServerLifecycle.listening(tomcat.getConnector().getLocalPort());
        tomcat.getServer().await();
    }

    private static FilterDef filter(Context context, String name, String className, String pattern) {
        FilterDef filter = new FilterDef();
        filter.setFilterName(name);
        filter.setFilterClass(className);
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName(name);
        mapping.addURLPattern(pattern);
        context.addFilterMap(mapping);
        return filter;
    }

    private static void corsFilter(Context context, String name, String pattern) {
        FilterDef cors = filter(context, name, AuditApp.TOMCAT_CORS_FILTER, pattern);
        cors.addInitParameter("cors.allowed.origins", AuditApp.CORS_ALLOWED_ORIGINS);
        cors.addInitParameter("cors.allowed.methods", AuditApp.CORS_ALLOWED_METHODS);
        cors.addInitParameter("cors.allowed.headers", AuditApp.CORS_ALLOWED_HEADERS);
    }

    /** Container-managed BASIC auth on /secure/*, as in the test app. */
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
