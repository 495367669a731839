package io.corsagent.cors;

import java.util.List;

import io.corsagent.Escaped;
import io.corsagent.ForAll;
import io.corsagent.Gen;
import io.corsagent.HostileValues;
import io.corsagent.policy.Mode;
import io.corsagent.policy.OriginMatchingOracle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole decision on hostile requests, in enforce mode, behind an application that reflects every Origin (the
 * bug the agent exists to fix): the engine never throws, every header value it answers or leaves on a response is
 * printable ASCII, and {@code Access-Control-Allow-Origin} is only ever {@code *} or an origin the policy allows.
 */
class EngineEchoPropertyTest {

    private static final String ORIGINS = OriginMatchingOracle.POLICY;
    private static final List<CorsPolicyEngine> ENGINES = List.of(
            Requests.engine(ORIGINS + """
                    allowed-methods = PUT, DELETE
                    allowed-headers = Content-Type, Authorization
                    exposed-headers = X-Request-Id
                    allow-credentials = true
                    path./strict/**.reject-disallowed = true
                    """, Mode.ENFORCE, CorsEvents.NONE),
            Requests.engine(ORIGINS + "allowed-headers = *\n", Mode.ENFORCE, CorsEvents.NONE),
            Requests.engine("allowed-origins = *\nallowed-headers = *\nallowed-methods = PATCH\n", Mode.ENFORCE,
                    CorsEvents.NONE));

    /** One generated request. */
    record Request(String method, String origin, String host, String requestMethod, String requestHeaders,
                   String path) {
    }

    private static final Gen<Request> REQUESTS = random -> new Request(
            Gen.of("OPTIONS", "GET", "POST", "PUT", "options", "OPTIONS ", "", "GET\r\nX: y").orNull().next(random),
            HostileValues.originVariants("https://app.example.net", "https://a.example.com", "http://localhost:3000",
                    "https://a.corp.example.org:8443", "null").orNull().next(random),
            Gen.of("app.example.net", "a.example.com", "evil.net", "localhost", "APP.EXAMPLE.NET", "",
                    "a.example.com:443", "[::1]", "\u00e9vil.net").orNull().next(random),
            Gen.of("PUT", "DELETE", "PATCH", "put", " PUT ", "", " ", "PUT, DELETE", "PUT\r\n", "P\u0000T",
                    "G\u00c9T", "GET").orNull().next(random),
            HostileValues.headerLists().orNull().next(random),
            Gen.of("/", "/strict/x", "/strict", "/x/../strict/a", "", "/\u0000", "/strict/\u00e9").orNull().next(random));

    @Test
    void neverEchoesAnUnvalidatedValue() {
        ForAll.check(30_000, REQUESTS, request -> check(request.method(), request.origin(), request.host(),
                request.requestMethod(), request.requestHeaders(), request.path()));
    }

    private static void check(String method, String origin, String host, String requestMethod, String requestHeaders,
                              String path) {
        for (int e = 0; e < ENGINES.size(); e++) {
            CorsPolicyEngine engine = ENGINES.get(e);
            PolicyExchange exchange = engine.enter(method, origin, requestMethod, requestHeaders, "https", host, 443,
                    path);
            String[] reflectingApp = {"Access-Control-Allow-Origin", origin, "Access-Control-Allow-Credentials", "true",
                    "Vary", "Accept-Encoding"};
            String[] committed = exchange.commitHeaders(200, reflectingApp);
            String[] effective = exchange.answerStatus() != 0 ? exchange.answerHeaders()
                    : committed != null ? committed : reflectingApp;
            boolean anyOrigin = e == 2;
            for (int i = 0; i < effective.length; i += 2) {
                String name = effective[i];
                String value = effective[i + 1];
                assertTrue(value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e),
                        () -> name + ": " + Escaped.visible(value));
                if (name.equals("Access-Control-Allow-Origin")) {
                    assertTrue(value.equals("*") ? anyOrigin
                            : value.equals(origin) && (anyOrigin || OriginMatchingOracle.allows(origin)),
                            () -> "ACAO " + Escaped.visible(value) + " for Origin " + Escaped.visible(origin));
                }
                if (name.equals("Access-Control-Allow-Credentials")) {
                    assertEquals(0, e, "credentials only under the credentialed policy");
                }
            }
        }
    }
}
