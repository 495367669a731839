package io.corsagent.bench.servers;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.corsagent.bench.app.BenchApp;
import io.corsagent.bench.app.BenchServerArguments;
import io.corsagent.testapp.TestApp;
import io.corsagent.testapp.server.TestServerLifecycle;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.CrossOriginHandler;

/**
 * Jetty 12 serving the bench app on loopback with Jetty's defaults (thread pool, one connector, no request log), in
 * whichever servlet environment is on the class path: ee10 (jakarta) or ee8 (javax).
 *
 * <p>Arguments ({@link BenchServerArguments}): {@code none | app-fields | handler | filter}, the port, the
 * pass-through filters. {@code handler} puts Jetty 12's core {@link CrossOriginHandler} in front of the context,
 * {@code filter} maps the environment's {@code CrossOriginFilter} first on {@code /*}.
 */
public final class Jetty12BenchServer {

    /** Jetty's {@code FilterMapping.REQUEST}, the same in both environments. */
    private static final int REQUEST_DISPATCH = 1;

    private Jetty12BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        BenchServerArguments arguments = BenchServerArguments.parse(args, "handler", "filter");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(arguments.port());
        server.addConnector(connector);

        ServletEnvironment environment = ServletEnvironment.onClassPath();
        Object context = environment.context();
        if (arguments.cors().equals("filter")) {
            environment.addFilter(context, environment.crossOriginFilter(), BenchApp.jettyCrossOriginFilterParameters());
        } else if (arguments.cors().equals(BenchServerArguments.APP_FIELDS)) {
            environment.addFilter(context, BenchApp.CORS_FIELDS_FILTER, Map.of());
        }
        for (int i = 0; i < arguments.passThroughFilters(); i++) {
            environment.addFilter(context, BenchApp.PASS_THROUGH_FILTER, Map.of());
        }
        environment.addServlet(context, TestApp.APP_SERVLET);
        Handler handler = environment.coreHandler(context);
        server.setHandler(arguments.cors().equals("handler") ? crossOriginHandler(handler) : handler);

        server.start();
        BenchServerArguments.printContainer("Jetty " + Server.getVersion() + " " + environment.name);
        TestServerLifecycle.listening(connector.getLocalPort());
        server.join();
    }

    private static Handler crossOriginHandler(Handler next) {
        CrossOriginHandler cors = new CrossOriginHandler();
        // Patterns are regular expressions: the exact origins, quoted.
        Set<String> origins = new HashSet<>();
        for (String origin : BenchApp.ALLOWED_ORIGINS) {
            origins.add(Pattern.quote(origin));
        }
        cors.setAllowedOriginPatterns(origins);
        cors.setAllowedMethods(Set.copyOf(BenchApp.ALLOWED_METHODS));
        cors.setAllowedHeaders(Set.copyOf(BenchApp.ALLOWED_HEADERS));
        cors.setExposedHeaders(Set.of(BenchApp.EXPOSED_HEADERS));
        cors.setAllowCredentials(true);
        cors.setPreflightMaxAge(Duration.ofSeconds(BenchApp.MAX_AGE_SECONDS));
        cors.setHandler(next);
        return cors;
    }

    /**
     * The servlet environment's {@code ServletContextHandler}, reached by reflection: ee8's and ee10's differ only
     * by package (and servlet namespace), and the methods called here take and return no servlet type.
     */
    private static final class ServletEnvironment {

        final String name;
        private final Class<?> contextClass;

        private ServletEnvironment(String name) throws ClassNotFoundException {
            this.name = name;
            this.contextClass = Class.forName("org.eclipse.jetty." + name + ".servlet.ServletContextHandler");
        }

        static ServletEnvironment onClassPath() throws ClassNotFoundException {
            try {
                return new ServletEnvironment("ee10");
            } catch (ClassNotFoundException notEe10) {
                return new ServletEnvironment("ee8");
            }
        }

        String crossOriginFilter() {
            return "org.eclipse.jetty." + name + ".servlets.CrossOriginFilter";
        }

        /** A context on {@code /app} without sessions. */
        Object context() throws ReflectiveOperationException {
            Object context = contextClass.getConstructor(int.class).newInstance(0);
            contextClass.getMethod("setContextPath", String.class).invoke(context, TestApp.CONTEXT_PATH);
            return context;
        }

        void addFilter(Object context, String className, Map<String, String> parameters)
                throws ReflectiveOperationException {
            Object servletHandler = contextClass.getMethod("getServletHandler").invoke(context);
            Object holder = servletHandler.getClass()
                    .getMethod("addFilterWithMapping", String.class, String.class, int.class)
                    .invoke(servletHandler, className, "/*", REQUEST_DISPATCH);
            Method setInitParameter = holder.getClass().getMethod("setInitParameter", String.class, String.class);
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                setInitParameter.invoke(holder, parameter.getKey(), parameter.getValue());
            }
        }

        void addServlet(Object context, String className) throws ReflectiveOperationException {
            contextClass.getMethod("addServlet", String.class, String.class).invoke(context, className, "/");
        }

        /** ee10's context is a core handler; ee8's nested one supplies its core handler. */
        @SuppressWarnings("unchecked")
        Handler coreHandler(Object context) {
            return context instanceof Handler ? (Handler) context : ((Supplier<Handler>) context).get();
        }
    }
}
