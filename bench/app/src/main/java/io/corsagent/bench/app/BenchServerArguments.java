package io.corsagent.bench.app;

import java.util.Arrays;
import java.util.List;

/**
 * A bench server main's arguments: {@code <cors> <port> [<pass-through filters>]}.
 *
 * @param cors               {@code none}, {@code app-fields} ({@link BenchApp#CORS_FIELDS_FILTER}), or one of the
 *                           container's own CORS set-ups ({@code filter}, {@code handler})
 * @param port               0 for an ephemeral one
 * @param passThroughFilters how many {@link PassThroughFilter}s run ahead of the servlet
 */
public record BenchServerArguments(String cors, int port, int passThroughFilters) {

    public static final String NONE = "none";
    public static final String APP_FIELDS = "app-fields";
    /**
     * The system property that carries the arguments, comma-separated, to a server that deploys the app from a WAR
     * ({@link WarDeployment}), where the app has no command line.
     */
    public static final String PROPERTY = "cors-bench.arguments";

    /** @param ownCors the container family's own CORS set-ups, besides {@code none} and {@code app-fields} */
    public static BenchServerArguments parse(String[] args, String... ownCors) {
        String cors = args.length > 0 ? args[0] : NONE;
        if (!cors.equals(NONE) && !cors.equals(APP_FIELDS) && !Arrays.asList(ownCors).contains(cors)) {
            throw new IllegalArgumentException("CORS set-up " + cors + ": expected one of "
                    + String.join(", ", List.of(NONE, APP_FIELDS)) + (ownCors.length == 0 ? "" : ", ")
                    + String.join(", ", ownCors));
        }
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int filters = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        return new BenchServerArguments(cors, port, filters);
    }

    /** The arguments from {@link #PROPERTY}; fails when it is not set. */
    public static BenchServerArguments fromProperty() {
        String arguments = System.getProperty(PROPERTY);
        if (arguments == null) {
            throw new IllegalStateException("system property " + PROPERTY + " is not set (the bench harness sets it)");
        }
        return parse(arguments.split(","));
    }

    /** The line the harness reads the container's version from, printed before the listening line. */
    public static void printContainer(String version) {
        System.out.println("CORS-BENCH-CONTAINER " + version);
    }
}
