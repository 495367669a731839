package io.corsagent.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A bench server line: its module under bench/ (a pom whose build writes the server's class path, or for WildFly
 * the WAR's), how its family's servers start, and the family's own CORS set-ups.
 */
enum Container {

    TOMCAT9("tomcat9", Family.TOMCAT, "Tomcat 9"),
    TOMCAT10("tomcat10", Family.TOMCAT, "Tomcat 10.1"),
    TOMCAT11("tomcat11", Family.TOMCAT, "Tomcat 11"),
    JETTY94("jetty94", Family.JETTY, "Jetty 9.4"),
    JETTY11("jetty11", Family.JETTY, "Jetty 11"),
    JETTY12_EE8("jetty12-ee8", Family.JETTY12, "Jetty 12 ee8"),
    JETTY12("jetty12", Family.JETTY12, "Jetty 12 ee10"),
    UNDERTOW22("undertow22", Family.UNDERTOW, "Undertow 2.2"),
    UNDERTOW23("undertow23", Family.UNDERTOW, "Undertow 2.3"),
    WILDFLY("wildfly", Family.WILDFLY, "WildFly 38");

    /** A container's own CORS handling: the server main's argument that installs it, and its name in reports. */
    enum OwnCors {
        TOMCAT_CORS_FILTER("filter", "Tomcat CorsFilter"),
        JETTY_CROSS_ORIGIN_HANDLER("handler", "Jetty CrossOriginHandler"),
        JETTY_CROSS_ORIGIN_FILTER("filter", "Jetty CrossOriginFilter");

        final String argument;
        final String title;

        OwnCors(String argument, String title) {
            this.argument = argument;
            this.title = title;
        }
    }

    /**
     * One launcher per embedded family (bench/*-launcher), whose lines differ only by the container jars on the class
     * path; WildFly starts from its distribution. Undertow and WildFly (whose servlet container is Undertow) have no
     * CORS handling of their own.
     */
    private enum Family {
        TOMCAT(embedded("io.corsagent.bench.servers.TomcatBenchServer"), OwnCors.TOMCAT_CORS_FILTER),
        JETTY(embedded("io.corsagent.bench.servers.JettyBenchServer"), OwnCors.JETTY_CROSS_ORIGIN_FILTER),
        JETTY12(embedded("io.corsagent.bench.servers.Jetty12BenchServer"), OwnCors.JETTY_CROSS_ORIGIN_HANDLER,
                OwnCors.JETTY_CROSS_ORIGIN_FILTER),
        UNDERTOW(embedded("io.corsagent.bench.servers.UndertowBenchServer")),
        WILDFLY(WildFlyLaunch::new);

        /** module → how its servers start */
        final Function<String, ServerLaunch> launch;
        final List<OwnCors> ownCors;

        Family(Function<String, ServerLaunch> launch, OwnCors... ownCors) {
            this.launch = launch;
            this.ownCors = List.of(ownCors);
        }

        private static Function<String, ServerLaunch> embedded(String mainClass) {
            return module -> new EmbeddedLaunch(mainClass, module);
        }
    }

    final String module;
    final ServerLaunch launch;
    final String title;
    final List<OwnCors> ownCors;

    Container(String module, Family family, String title) {
        this.module = module;
        this.launch = family.launch.apply(module);
        this.title = title;
        this.ownCors = family.ownCors;
    }

    static Container named(String module) {
        for (Container container : values()) {
            if (container.module.equals(module)) {
                return container;
            }
        }
        throw new IllegalArgumentException("no container " + module + "; the lines are " + Arrays.stream(values())
                .map(c -> c.module).toList() + " (or all)");
    }

    /** A comma-separated list of modules, or {@code all} for every line. */
    static List<Container> list(String modules) {
        if (modules.trim().equals("all")) {
            return List.of(values());
        }
        List<Container> containers = new ArrayList<>();
        for (String module : modules.split(",")) {
            containers.add(named(module.trim()));
        }
        return containers;
    }
}
