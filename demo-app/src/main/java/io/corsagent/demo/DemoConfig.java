package io.corsagent.demo;

/**
 * Where the demo listens. Three origins on one host: the API, the shop's own frontend page, and an attacker page.
 * Browsers tell origins apart by port, so one machine is enough to show cross-origin behaviour.
 *
 * <p>Set with system properties ({@code -Ddemo.api.port=9080}) or arguments ({@code --api-port=9080}); port 0 picks
 * a free port, reported on the ready line.
 */
public final class DemoConfig {

    /** The host name in every URL the pages use. Browsers treat localhost and 127.0.0.1 as different origins. */
    final String host;
    /** The address the connectors bind to: loopback only, the demo's bugs must not be reachable from outside. */
    final String bindAddress;
    final int apiPort;
    final int pagePort;
    final int attackerPort;

    private DemoConfig(String host, String bindAddress, int apiPort, int pagePort, int attackerPort) {
        this.host = host;
        this.bindAddress = bindAddress;
        this.apiPort = apiPort;
        this.pagePort = pagePort;
        this.attackerPort = attackerPort;
    }

    static DemoConfig from(String[] args) {
        String host = setting(args, "host", "localhost");
        String bind = setting(args, "bind", "127.0.0.1");
        return new DemoConfig(host, bind,
                port(args, "api-port", 8080), port(args, "page-port", 8081), port(args, "attacker-port", 8082));
    }

    private static int port(String[] args, String name, int defaultPort) {
        String value = setting(args, name, Integer.toString(defaultPort));
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("demo-app: " + name + " must be a port number (0 for any free port), not "
                + value);
    }

    /** {@code --name=value} wins over {@code -Ddemo.name.with.dots=value}, which wins over the default. */
    private static String setting(String[] args, String name, String defaultValue) {
        String prefix = "--" + name + "=";
        for (String arg : args) {
            if (arg.startsWith(prefix)) {
                return arg.substring(prefix.length());
            }
        }
        return System.getProperty("demo." + name.replace('-', '.'), defaultValue);
    }
}
