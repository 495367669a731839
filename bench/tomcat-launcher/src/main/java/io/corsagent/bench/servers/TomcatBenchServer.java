package io.corsagent.bench.servers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.corsagent.bench.app.BenchApp;
import io.corsagent.bench.app.BenchServerArguments;
import io.corsagent.testapp.TestApp;
import io.corsagent.testapp.server.TestServerLifecycle;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat (9, 10.1 or 11, whichever is on the class path) serving the bench app on loopback, with Tomcat's
 * defaults (NIO connector, thread pool, no access log). Uses only Tomcat API whose signatures carry no servlet
 * types, so it runs on javax and jakarta releases alike.
 *
 * <p>Arguments ({@link BenchServerArguments}): {@code none | app-fields | filter}, the port, the pass-through
 * filters. {@code filter} maps Tomcat's own {@code CorsFilter} first on {@code /*}.
 */
public final class TomcatBenchServer {

    private static final String CORS_FILTER = "org.apache.catalina.filters.CorsFilter";

    private TomcatBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        BenchServerArguments arguments = BenchServerArguments.parse(args, "filter");
        Path base = Files.createTempDirectory("cors-bench-tomcat");
        base.toFile().deleteOnExit();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(arguments.port());
        tomcat.getConnector().setProperty("address", "127.0.0.1");

        Context context = tomcat.addContext(TestApp.CONTEXT_PATH, null);
        if (arguments.cors().equals("filter")) {
            addFilter(context, "cors", CORS_FILTER, BenchApp.tomcatCorsFilterParameters());
        } else if (arguments.cors().equals(BenchServerArguments.APP_FIELDS)) {
            addFilter(context, "cors-fields", BenchApp.CORS_FIELDS_FILTER, Map.of());
        }
        for (int i = 0; i < arguments.passThroughFilters(); i++) {
            addFilter(context, "pass-through-" + i, BenchApp.PASS_THROUGH_FILTER, Map.of());
        }
        Tomcat.addServlet(context, "app", TestApp.APP_SERVLET);
        context.addServletMappingDecoded("/", "app");

        tomcat.start();
        BenchServerArguments.printContainer(ServerInfo.getServerInfo());
        TestServerLifecycle.listening(tomcat.getConnector().getLocalPort());
        tomcat.getServer().await();
    }

    private static void addFilter(Context context, String name, String className, Map<String, String> parameters) {
        FilterDef filter = new FilterDef();
        filter.setFilterName(name);
        filter.setFilterClass(className);
        parameters.forEach(filter::addInitParameter);
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName(name);
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
    }
}
