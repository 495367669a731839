package io.corsagent.tests.servers;

import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Collections;
import java.util.Set;

import io.corsagent.testapp.TestApp;
import io.corsagent.testapp.server.TestServerLifecycle;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.security.idm.Account;
import io.undertow.security.idm.Credential;
import io.undertow.security.idm.IdentityManager;
import io.undertow.security.idm.PasswordCredential;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ErrorPage;
import io.undertow.servlet.api.LoginConfig;
import io.undertow.servlet.api.SecurityConstraint;
import io.undertow.servlet.api.WebResourceCollection;

/**
 * Undertow 2.2 (javax) or 2.3 (jakarta), whichever is on the class path, serving the test app on an ephemeral
 * port. An exchange-completion listener outside the deployment prints the access log line.
 */
public final class UndertowTestServer {

    private UndertowTestServer() {
    }

    public static void main(String[] args) throws Exception {
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(UndertowTestServer.class.getClassLoader())
                .setContextPath(TestApp.CONTEXT_PATH)
                .setDeploymentName("test-app")
                .addFilter(Servlets.filter("auth", appClass(TestApp.AUTH_FILTER)).setAsyncSupported(true))
                .addFilter(Servlets.filter("cors", appClass(TestApp.CORS_FILTER)).setAsyncSupported(true))
                .addServlet(Servlets.servlet("app", appClass(TestApp.APP_SERVLET)).addMapping("/")
                        .setAsyncSupported(true))
                .addServlet(Servlets.servlet("counters", appClass(TestApp.COUNTERS_SERVLET))
                        .addMapping(TestApp.COUNTERS_PATH).setAsyncSupported(true))
                .addServlet(Servlets.servlet("error", appClass(TestApp.ERROR_SERVLET))
                        .addMapping(TestApp.ERROR_PAGE_PATH).setAsyncSupported(true))
                .addErrorPage(new ErrorPage(TestApp.ERROR_PAGE_PATH))
                .setLoginConfig(new LoginConfig("BASIC", TestApp.REALM))
                .addSecurityConstraint(new SecurityConstraint().addRoleAllowed(TestApp.ROLE)
                        .addWebResourceCollection(new WebResourceCollection().addUrlPattern(TestApp.SECURE_PATTERN)))
                .setIdentityManager(new OneUser());
        mapOnRequestDispatch(deployment, "auth");
        mapOnRequestDispatch(deployment, "cors");
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        PathHandler paths = Handlers.path().addPrefixPath(TestApp.CONTEXT_PATH, manager.start());
        HttpHandler accessLog = exchange -> {
            // Taken now: an error page dispatch rewrites the exchange's request URI.
            String line = "ACCESS " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " ";
            exchange.addExchangeCompleteListener((done, next) -> {
                System.out.println(line + done.getStatusCode());
                next.proceed();
            });
            paths.handleRequest(exchange);
        };
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(accessLog).build();
        server.start();
        TestServerLifecycle.listening(((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class appClass(String name) throws ClassNotFoundException {
        return Class.forName(name);
    }

    /** {@code addFilterUrlMapping(String, String, DispatcherType)}: javax or jakarta, so called reflectively. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void mapOnRequestDispatch(DeploymentInfo deployment, String filter) throws Exception {
        for (Method method : DeploymentInfo.class.getMethods()) {
            if (method.getName().equals("addFilterUrlMapping")) {
                Class dispatcherType = method.getParameterTypes()[2];
                method.invoke(deployment, filter, "/*", Enum.valueOf(dispatcherType, "REQUEST"));
                return;
            }
        }
        throw new IllegalStateException("no DeploymentInfo#addFilterUrlMapping");
    }

    /** The test app's one user, {@link TestApp#USER} / {@link TestApp#PASSWORD} in role {@link TestApp#ROLE}. */
    private static final class OneUser implements IdentityManager {

        @Override
        public Account verify(Account account) {
            return account;
        }

        @Override
        public Account verify(String id, Credential credential) {
            if (!TestApp.USER.equals(id) || !(credential instanceof PasswordCredential)
                    || !TestApp.PASSWORD.equals(new String(((PasswordCredential) credential).getPassword()))) {
                return null;
            }
            Principal principal = () -> TestApp.USER;
            return new Account() {
                private static final long serialVersionUID = 1L;

                @Override
                public Principal getPrincipal() {
                    return principal;
                }

                @Override
                public Set<String> getRoles() {
                    return Collections.singleton(TestApp.ROLE);
                }
            };
        }

        @Override
        public Account verify(Credential credential) {
            return null;
        }
    }
}
