package io.corsagent.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bench server line: its module under bench/ (a pom whose build writes the server's class path), its family's
 * launcher, and the family's own CORS set-ups.
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
    UNDERTOW23("undertow23", Family.UNDERTOW, "Undertow 2.3");

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

    /** One launcher per family (bench/*-launcher); its lines differ only by the container jars on the class path. */
    private enum Family {
        TOMCAT("io.corsagent.bench.servers.TomcatBenchServer", OwnCors.TOMCAT_CORS_FILTER),
        JETTY("io.corsagent.bench.servers.JettyBenchServer", OwnCors.JETTY_CROSS_ORIGIN_FILTER),
        JETTY12("io.corsagent.bench.servers.Jetty12BenchServer", OwnCors.JETTY_CROSS_ORIGIN_HANDLER,
                OwnCors.JETTY_CROSS_ORIGIN_FILTER),
        UNDERTOW("io.corsagent.bench.servers.UndertowBenchServer");

        final String mainClass;
        final List<OwnCors> ownCors;

        Family(String mainClass, OwnCors... ownCors) {
            this.mainClass = mainClass;
            this.ownCors = List.of(ownCors);
        }
    }

    final String module;
    final String mainClass;
    final String title;
    final List<OwnCors> ownCors;

    Container(String module, Family family, String title) {
        this.module = module;
        this.mainClass = family.mainClass;
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
