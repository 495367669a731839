package io.corsagent.bench;

import java.util.List;

/** A bench server line: its module under bench/, its main class, and the names of its own CORS set-ups. */
enum Container {

    JETTY12("jetty12", "io.corsagent.bench.servers.Jetty12BenchServer", "Jetty 12.1.14 (ee10)",
            List.of("handler", "filter")),
    TOMCAT11("tomcat11", "io.corsagent.bench.servers.Tomcat11BenchServer", "Tomcat 11.0.27",
            List.of("filter"));

    final String module;
    final String mainClass;
    final String title;
    /** The server main's arguments that install the container's own CORS handling. */
    final List<String> ownCors;

    Container(String module, String mainClass, String title, List<String> ownCors) {
        this.module = module;
        this.mainClass = mainClass;
        this.title = title;
        this.ownCors = ownCors;
    }

    static Container named(String module) {
        for (Container container : values()) {
            if (container.module.equals(module)) {
                return container;
            }
        }
        throw new IllegalArgumentException("no container " + module);
    }

    /** How the container's own CORS set-up is called in reports. */
    String ownCorsTitle(String argument) {
        if (this == TOMCAT11) {
            return "Tomcat CorsFilter";
        }
        return argument.equals("handler") ? "Jetty CrossOriginHandler" : "Jetty CrossOriginFilter";
    }
}
