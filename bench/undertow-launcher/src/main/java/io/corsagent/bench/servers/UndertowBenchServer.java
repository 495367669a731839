package io.corsagent.bench.servers;

import java.lang.reflect.Method;
import java.net.InetSocketAddress;

import io.corsagent.bench.app.BenchApp;
import io.corsagent.bench.app.BenchServerArguments;
import io.corsagent.testapp.TestApp;
import io.corsagent.testapp.server.TestServerLifecycle;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.Version;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;

/**
 * Undertow 2.2 (javax) or 2.3 (jakarta), whichever is on the class path, serving the bench app on loopback with
 * Undertow's defaults. Undertow has no CORS handling of its own.
 *
 * <p>Arguments ({@link BenchServerArguments}): {@code none | app-fields}, the port, the pass-through filters.
 */
public final class UndertowBenchServer {

    private UndertowBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        BenchServerArguments arguments = BenchServerArguments.parse(args);
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(UndertowBenchServer.class.getClassLoader())
                .setContextPath(TestApp.CONTEXT_PATH)
                .setDeploymentName("bench-app")
                .addServlet(Servlets.servlet("app", appClass(TestApp.APP_SERVLET)).addMapping("/"));
        if (arguments.cors().equals(BenchServerArguments.APP_FIELDS)) {
            addFilter(deployment, "cors-fields", BenchApp.CORS_FIELDS_FILTER);
        }
        for (int i = 0; i < arguments.passThroughFilters(); i++) {
            addFilter(deployment, "pass-through-" + i, BenchApp.PASS_THROUGH_FILTER);
        }
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        Undertow server = Undertow.builder().addHttpListener(arguments.port(), "127.0.0.1")
                .setHandler(Handlers.path().addPrefixPath(TestApp.CONTEXT_PATH, manager.start())).build();
        server.start();
        BenchServerArguments.printContainer("Undertow " + Version.getVersionString());
        TestServerLifecycle.listening(((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class appClass(String name) throws ClassNotFoundException {
        return Class.forName(name);
    }

    /**
     * Adds the filter and maps it on {@code /*} for REQUEST dispatch, in the order added. The mapping method takes
     * a javax or jakarta {@code DispatcherType}, so it is called reflectively.
     */
    @SuppressWarnings("unchecked")
    private static void addFilter(DeploymentInfo deployment, String name, String className) throws Exception {
        deployment.addFilter(Servlets.filter(name, appClass(className)));
        for (Method method : DeploymentInfo.class.getMethods()) {
            if (method.getName().equals("addFilterUrlMapping")) {
                @SuppressWarnings("rawtypes")
                Class dispatcherType = method.getParameterTypes()[2];
                method.invoke(deployment, name, "/*", Enum.valueOf(dispatcherType, "REQUEST"));
                return;
            }
        }
        throw new IllegalStateException("no DeploymentInfo#addFilterUrlMapping");
    }
}
