package io.corsagent.bench.app;

import java.util.EnumSet;

import javax.servlet.DispatcherType;
import javax.servlet.ServletContext;
import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;

import io.corsagent.testapp.TestApp;

/**
 * The bench app on an application server, which deploys a WAR instead of running a launcher's main: named by the
 * WAR's {@code web.xml}, this listener registers what the embedded launchers register in code ({@link BenchApp}'s
 * order), from the launcher's arguments in the system property {@link BenchServerArguments#PROPERTY}, since a WAR
 * has no command line. An application server has no CORS handling the bench measures, so the set-ups are
 * {@code none} and {@code app-fields}. The port argument is ignored: the server's configuration binds it.
 */
public final class WarDeployment implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        BenchServerArguments arguments = BenchServerArguments.fromProperty();
        ServletContext context = event.getServletContext();
        if (arguments.cors().equals(BenchServerArguments.APP_FIELDS)) {
            addFilter(context, "cors-fields", BenchApp.CORS_FIELDS_FILTER);
        }
        for (int i = 0; i < arguments.passThroughFilters(); i++) {
            addFilter(context, "pass-through-" + i, BenchApp.PASS_THROUGH_FILTER);
        }
        context.addServlet("app", TestApp.APP_SERVLET).addMapping("/");
        BenchServerArguments.printContainer(context.getServerInfo());
    }

    /** Maps the filter on {@code /*}, REQUEST dispatch, after those added before it. */
    private static void addFilter(ServletContext context, String name, String className) {
        context.addFilter(name, className).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        // The container removes what it registered.
    }
}
