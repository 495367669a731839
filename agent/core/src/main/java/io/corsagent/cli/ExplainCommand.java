package io.corsagent.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

import io.corsagent.cors.CorsEvents;
import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.cors.PolicyExchange;
import io.corsagent.cors.Reason;
import io.corsagent.cors.RequestKind;
import io.corsagent.policy.CorsRule;
import io.corsagent.policy.LoadResult;
import io.corsagent.policy.Mode;
import io.corsagent.policy.Policy;
import io.corsagent.policy.PolicyLoader;
import io.corsagent.policy.Problem;
import io.corsagent.policy.SerializedOrigin;

/** {@code explain policy.properties --origin O --method M ...}: what enforce mode does with one request, and why. */
public final class ExplainCommand implements Command {

    private static final String ORIGIN = "--origin";
    private static final String METHOD = "--method";
    private static final String REQUEST_METHOD = "--request-method";
    private static final String REQUEST_HEADER = "--request-header";
    private static final String URL = "--url";

    @Override
    public String name() {
        return "explain";
    }

    @Override
    public String summary() {
        return "show the decision for one request: status, exact headers, rule, reason";
    }

    @Override
    public String help() {
        return "Usage: java -jar cors-agent.jar explain <policy.properties> --origin <origin> --method <method>\n"
                + "         [--request-method <method>] [--request-header <name>]... [--url <http://host:port/path>]\n"
                + "\n"
                + "Shows what the agent in enforce mode does with one request: the kind of request, the rule that\n"
                + "applies, which check failed and why, the status and the exact CORS response headers.\n"
                + "\n"
                + "Options:\n"
                + "  --origin          the Origin header; give it twice to simulate two Origin headers;\n"
                + "                    leave it out for a request without Origin\n"
                + "  --method          the request method, such as GET, or OPTIONS for a preflight\n"
                + "  --request-method  Access-Control-Request-Method (makes an OPTIONS request a preflight)\n"
                + "  --request-header  one name of Access-Control-Request-Headers; repeat for more\n"
                + "  --url             the URL as the server sees it (scheme, host, port, path), for same-origin\n"
                + "                    detection and path rules; default: a cross-origin request for /\n"
                + "\n"
                + "Exit codes: 0 explained, 1 the policy is invalid (its errors are shown), 2 wrong usage.\n";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws UsageException {
        Arguments parsed = Arguments.parse(arguments, Collections.<String>emptySet(),
                new HashSet<>(Arrays.asList(ORIGIN, METHOD, REQUEST_METHOD, REQUEST_HEADER, URL)));
        if (parsed.positionals().size() != 1) {
            throw new UsageException(parsed.positionals().isEmpty() ? "name the policy file"
                    : "explain takes one policy file, not " + parsed.positionals().size());
        }
        String method = parsed.required(METHOD);
        List<String> origins = parsed.all(ORIGIN);
        String origin = origins.isEmpty() ? null : String.join(", ", origins);
        String requestMethod = parsed.single(REQUEST_METHOD);
        List<String> headerNames = parsed.all(REQUEST_HEADER);
        String requestHeaders = headerNames.isEmpty() ? null : String.join(",", headerNames);
        Target target = Target.of(parsed.single(URL));

        LoadResult result = PolicyLoader.load(Paths.get(parsed.positionals().get(0)));
        if (!result.isValid()) {
            for (Problem problem : result.problems()) {
                err.println(problem);
            }
            err.println(result.source() + ": invalid policy; nothing to explain");
            return 1;
        }
        Policy policy = result.policy();
        CorsPolicyEngine engine = new CorsPolicyEngine(policy, Mode.ENFORCE, CorsEvents.NONE);
        PolicyExchange exchange = engine.enter(method, origin, requestMethod, requestHeaders, target.scheme,
                target.host, target.port, target.path);

        out.println("Request:  " + method + " " + target.describe());
        printHeader(out, "Origin", origin);
        printHeader(out, "Access-Control-Request-Method", requestMethod);
        printHeader(out, "Access-Control-Request-Headers", requestHeaders);
        out.println("Kind:     " + kind(exchange, policy, origin, target.host));
        CorsRule rule = exchange.rule();
        out.println("Rule:     " + rule.name() + (rule.line() > 0 ? " (line " + rule.line() + ")" : ""));
        out.println("Decision: " + decision(exchange));
        if (policy.mode() != Mode.ENFORCE) {
            out.println("Mode:     the policy's mode is " + policy.mode().keyword()
                    + ": the agent changes nothing and only reports this decision");
        }
        if (exchange.answerStatus() != 0) {
            out.println("Response: " + exchange.answerStatus() + ", answered by the agent itself"
                    + " (the application never sees the request)");
            printHeaders(out, exchange.answerHeaders());
        } else {
            String[] headers = exchange.commitHeaders(200, new String[0]);
            out.println("Response: the application's own status; the agent makes the response's CORS headers"
                    + " exactly these (Access-Control-* headers the application sets are replaced):");
            printHeaders(out, headers == null ? new String[0] : headers);
            if (exchange.kind() == RequestKind.ACTUAL && !exchange.allowed()) {
                out.println("Note:     the application still runs, and the browser keeps the response from the"
                        + " script; reject-disallowed = true answers 403 instead");
            }
        }
        for (Problem warning : policy.warnings()) {
            out.println("Note:     " + warning);
        }
        return 0;
    }

    private static String kind(PolicyExchange exchange, Policy policy, String origin, String host) {
        if (exchange.kind() != RequestKind.NOT_CORS) {
            return exchange.kind() == RequestKind.PREFLIGHT ? "preflight" : "actual CORS request";
        }
        if (origin == null) {
            return "not CORS (no Origin)";
        }
        return policy.isPublicOrigin(origin, SerializedOrigin.parse(origin), host)
                ? "not CORS (the Origin is one of public-origins)"
                : "not CORS (the Origin is the request's own origin)";
    }

    private static String decision(PolicyExchange exchange) {
        Reason reason = exchange.reason();
        if (reason == Reason.ALLOWED) {
            return "allowed";
        }
        String detail = exchange.reasonDetail() == null ? "" : " (" + exchange.reasonDetail() + ")";
        return "refused by the " + reason.check().name().toLowerCase(java.util.Locale.ROOT) + " check: "
                + reason.description() + detail;
    }

    private static void printHeader(PrintStream out, String name, String value) {
        if (value != null) {
            out.println("          " + name + ": " + value);
        }
    }

    private static void printHeaders(PrintStream out, String[] headers) {
        if (headers.length == 0) {
            out.println("          (no CORS headers)");
        }
        for (int i = 0; i < headers.length; i += 2) {
            out.println("          " + headers[i] + ": " + headers[i + 1]);
        }
    }

    /** The request's own URL as the server sees it. */
    private static final class Target {
        final String scheme;
        final String host;
        final int port;
        final String path;

        private Target(String scheme, String host, int port, String path) {
            this.scheme = scheme;
            this.host = host;
            this.port = port;
            this.path = path;
        }

        static Target of(String url) throws UsageException {
            if (url == null) {
                return new Target(null, null, -1, "/");
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new UsageException("--url " + url + " is not a URL: " + e.getReason());
            }
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new UsageException("--url needs scheme and host, such as https://api.example.com/orders");
            }
            String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            return new Target(scheme, uri.getHost(), port, path);
        }

        String describe() {
            return host == null ? path + " (no --url: taken as cross-origin)" : scheme + "://" + host + ":" + port + path;
        }
    }
}
