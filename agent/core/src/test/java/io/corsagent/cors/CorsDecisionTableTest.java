package io.corsagent.cors;

import io.corsagent.policy.Mode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The decision, request by request, in enforce mode: the status the agent answers with (0 = the application
 * serves the request) and the exact managed headers: the answer's, or for a served request the complete set
 * the commit hook gives a 200 response that carried {@code app} headers.
 *
 * <p>URLs starting with {@code /} are on {@code https://api.example.com}. Empty cells are absent headers.
 */
class CorsDecisionTableTest {

    static final String POLICY = """
            allowed-origins = https://app.example.com, https://*.example.com, http://localhost:*, \\
                              capacitor://localhost, https://partner.example.org:8443
            allowed-methods = PUT, DELETE, patch
            allowed-headers = Content-Type, X-Requested-With
            exposed-headers = X-Request-Id
            allow-credentials = true
            max-age = 600
            public-origins = https://shop.example.com, https://www.example.com, https://example.com

            path./public/**.allowed-origins = *
            path./public/**.allow-credentials = false
            path./public/**.allowed-headers = *
            path./api/auth/**.allowed-origins = https://app.example.com
            path./api/auth/**.allowed-headers = *, Authorization
            path./strict/**.reject-disallowed = true
            path./nullok/**.allowed-origins = null, https://app.example.com
            path./none/**.allowed-origins =
            """;

    private static final CorsPolicyEngine ENGINE = Requests.engine(POLICY, Mode.ENFORCE, CorsEvents.NONE);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                   | method  | url                              | origin                                   | ACRM   | ACRH   | app headers                 | status | headers
            not CORS: no Origin                      | GET     | /api/items                       |                                          |        |        |                             | 0      | Vary=Origin
            not CORS: app Vary merged                | GET     | /api/items                       |                                          |        |        | Vary=Accept-Encoding        | 0      | Vary=Accept-Encoding, Origin
            not CORS: app Vary already has Origin    | GET     | /api/items                       |                                          |        |        | Vary=Accept, origin         | 0      | (unchanged)
            not CORS: app's own ACAO removed         | GET     | /api/items                       |                                          |        |        | ACAO=*; Vary=Origin         | 0      | Vary=Origin
            not CORS: same origin                    | POST    | https://api.example.com/x        | https://api.example.com                  |        |        |                             | 0      | Vary=Origin
            not CORS: same origin, explicit 443      | GET     | https://api.example.com:443/x    | https://api.example.com                  |        |        |                             | 0      | Vary=Origin
            not CORS: same origin, explicit 80       | GET     | http://localhost:80/x            | http://localhost                         |        |        |                             | 0      | Vary=Origin
            not CORS: same origin, Host in upper case| GET     | https://API.Example.COM/x        | https://api.example.com                  |        |        |                             | 0      | Vary=Origin
            not CORS: public origin behind a proxy   | GET     | http://shop.example.com:8080/x   | https://shop.example.com                 |        |        |                             | 0      | Vary=Origin
            not CORS: public origin, Host upper case | OPTIONS | http://SHOP.example.com/x        | https://shop.example.com                 | PUT    |        |                             | 0      | Vary=Origin
            CORS: public origin to another host      | OPTIONS | https://example.com/api/x        | https://www.example.com                  | PUT    |        |                             | 204    | ACAO=https://www.example.com; ACAC=true; ACAM=PUT, DELETE, patch; ACAH=Content-Type, X-Requested-With; ACMA=600; Vary=Origin
            CORS: public origin to an internal host  | GET     | http://10.0.0.5:8080/x           | https://shop.example.com                 |        |        |                             | 0      | ACAO=https://shop.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            not CORS: same-origin OPTIONS preflight  | OPTIONS | https://api.example.com/x        | https://api.example.com                  | PUT    |        |                             | 0      | Vary=Origin
            CORS: other port of same host            | GET     | http://localhost:8080/x          | http://localhost:3000                    |        |        |                             | 0      | ACAO=http://localhost:3000; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            CORS: other scheme of same host          | GET     | http://api.example.com/x         | https://api.example.com                  |        |        |                             | 0      | ACAO=https://api.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            actual: exact origin allowed             | GET     | /api/items                       | https://app.example.com                  |        |        |                             | 0      | ACAO=https://app.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            actual: on a 401 the same headers        | DELETE  | /api/items                       | https://app.example.com                  |        |        |                             | 0      | ACAO=https://app.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            actual: OPTIONS without ACRM             | OPTIONS | /api/items                       | https://app.example.com                  |        |        |                             | 0      | ACAO=https://app.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            actual: OPTIONS without ACRM, refused    | OPTIONS | /api/items                       | https://evil.test                        |        |        |                             | 0      | Vary=Origin
            actual: subdomain wildcard, one label    | GET     | /api/items                       | https://beta.example.com                 |        |        |                             | 0      | ACAO=https://beta.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            actual: subdomain wildcard, two labels   | GET     | /api/items                       | https://a.b.example.com                  |        |        |                             | 0      | ACAO=https://a.b.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            actual: punycode label                   | GET     | /api/items                       | https://xn--bcher-kva.example.com        |        |        |                             | 0      | ACAO=https://xn--bcher-kva.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            actual: apex never matched by *.         | GET     | /api/items                       | https://example.com                      |        |        |                             | 0      | Vary=Origin
            actual: suffix trick                     | GET     | /api/items                       | https://app.example.com.evil.net         |        |        |                             | 0      | Vary=Origin
            actual: prefix trick                     | GET     | /api/items                       | https://evilexample.com                  |        |        |                             | 0      | Vary=Origin
            actual: scheme mismatch                  | GET     | /api/items                       | http://app.example.com                   |        |        |                             | 0      | Vary=Origin
            actual: upper case                       | GET     | /api/items                       | https://APP.example.com                  |        |        |                             | 0      | Vary=Origin
            actual: upper-case scheme                | GET     | /api/items                       | HTTPS://app.example.com                  |        |        |                             | 0      | Vary=Origin
            actual: leading white space              | GET     | /api/items                       | ' https://app.example.com'               |        |        |                             | 0      | Vary=Origin
            actual: user info                        | GET     | /api/items                       | https://user@app.example.com             |        |        |                             | 0      | Vary=Origin
            actual: percent sign                     | GET     | /api/items                       | https://app.example.com%2eevil.net       |        |        |                             | 0      | Vary=Origin
            actual: trailing slash                   | GET     | /api/items                       | https://app.example.com/                 |        |        |                             | 0      | Vary=Origin
            actual: explicit default port            | GET     | /api/items                       | https://app.example.com:443              |        |        |                             | 0      | Vary=Origin
            actual: trailing dot                     | GET     | /api/items                       | https://app.example.com.                 |        |        |                             | 0      | Vary=Origin
            actual: several Origin values            | GET     | /api/items                       | https://app.example.com, https://app.example.com |  |        |                             | 0      | Vary=Origin
            actual: null not listed                  | GET     | /api/items                       | null                                     |        |        |                             | 0      | Vary=Origin
            actual: any scheme, exact                | GET     | /api/items                       | capacitor://localhost                    |        |        |                             | 0      | ACAO=capacitor://localhost; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            actual: port wildcard, no port           | GET     | /api/items                       | http://localhost                         |        |        |                             | 0      | ACAO=http://localhost; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            actual: port wildcard, high port         | GET     | /api/items                       | http://localhost:65535                   |        |        |                             | 0      | ACAO=http://localhost:65535; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            actual: port wildcard, port 0            | GET     | /api/items                       | http://localhost:0                       |        |        |                             | 0      | Vary=Origin
            actual: port wildcard, other host        | GET     | /api/items                       | http://localhost.evil.net:3000           |        |        |                             | 0      | Vary=Origin
            actual: exact port                       | GET     | /api/items                       | https://partner.example.org:8443         |        |        |                             | 0      | ACAO=https://partner.example.org:8443; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            actual: exact port, no port sent         | GET     | /api/items                       | https://partner.example.org              |        |        |                             | 0      | Vary=Origin
            actual: exact port, other port           | GET     | /api/items                       | https://partner.example.org:8444         |        |        |                             | 0      | Vary=Origin
            actual: app reflection replaced          | GET     | /api/items                       | https://app.example.com                  |        |        | ACAO=https://app.example.com; ACAC=true; ACAM=GET | 0 | ACAO=https://app.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            actual: app reflection of evil removed   | GET     | /api/items                       | https://evil.test                        |        |        | ACAO=https://evil.test; ACAC=true | 0    | Vary=Origin
            actual: Vary merged, app ACAO dropped    | GET     | /api/items                       | https://app.example.com                  |        |        | Vary=Accept-Encoding; ACAO=* | 0     | ACAO=https://app.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Accept-Encoding, Origin
            actual: Vary duplicates removed          | GET     | /api/items                       | https://app.example.com                  |        |        | Vary=origin, Accept; Vary=accept | 0 | ACAO=https://app.example.com; ACAC=true; ACEH=X-Request-Id; Vary=origin, Accept
            actual: Vary star kept                   | GET     | /api/items                       | https://app.example.com                  |        |        | Vary=*                      | 0      | ACAO=https://app.example.com; ACAC=true; ACEH=X-Request-Id; Vary=*
            actual: one Vary token, Origin added     | GET     | /api/items                       | https://app.example.com                  |        |        | 'Vary= Accept-Encoding'     | 0      | ACAO=https://app.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Accept-Encoding, Origin
            actual: one Vary token naming Origin     | GET     | /api/items                       | https://app.example.com                  |        |        | Vary=ORIGIN                 | 0      | ACAO=https://app.example.com; ACAC=true; ACEH=X-Request-Id; Vary=ORIGIN
            actual: two Vary fields of one token     | GET     | /api/items                       | https://app.example.com                  |        |        | Vary=Accept; vary=accept    | 0      | ACAO=https://app.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Accept, Origin
            actual: empty Vary                       | GET     | /api/items                       | https://app.example.com                  |        |        | 'Vary= '                    | 0      | ACAO=https://app.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            actual: headers already exact            | GET     | /api/items                       | https://app.example.com                  |        |        | ACAO=https://app.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Origin | 0 | (unchanged)
            preflight: allowed                       | OPTIONS | /api/items                       | https://app.example.com                  | PUT    | content-type |                       | 204    | ACAO=https://app.example.com; ACAC=true; ACAM=PUT, DELETE, patch; ACAH=Content-Type, X-Requested-With; ACMA=600; Vary=Origin
            preflight: no ACRH                       | OPTIONS | /api/items                       | https://app.example.com                  | DELETE |        |                             | 204    | ACAO=https://app.example.com; ACAC=true; ACAM=PUT, DELETE, patch; ACAH=Content-Type, X-Requested-With; ACMA=600; Vary=Origin
            preflight: safelisted method             | OPTIONS | /api/items                       | https://app.example.com                  | GET    | x-requested-with |                   | 204    | ACAO=https://app.example.com; ACAC=true; ACAM=PUT, DELETE, patch; ACAH=Content-Type, X-Requested-With; ACMA=600; Vary=Origin
            preflight: method as configured          | OPTIONS | /api/items                       | https://app.example.com                  | patch  |        |                             | 204    | ACAO=https://app.example.com; ACAC=true; ACAM=PUT, DELETE, patch; ACAH=Content-Type, X-Requested-With; ACMA=600; Vary=Origin
            preflight: methods are case-sensitive    | OPTIONS | /api/items                       | https://app.example.com                  | PATCH  |        |                             | 403    | Vary=Origin
            preflight: lower-case put refused        | OPTIONS | /api/items                       | https://app.example.com                  | put    |        |                             | 403    | Vary=Origin
            preflight: empty ACRM                    | OPTIONS | /api/items                       | https://app.example.com                  | ''     |        |                             | 403    | Vary=Origin
            preflight: two methods                   | OPTIONS | /api/items                       | https://app.example.com                  | PUT, DELETE |   |                             | 403    | Vary=Origin
            preflight: header names ignore case      | OPTIONS | /api/items                       | https://app.example.com                  | PUT    | CONTENT-TYPE,X-Requested-With |      | 204    | ACAO=https://app.example.com; ACAC=true; ACAM=PUT, DELETE, patch; ACAH=Content-Type, X-Requested-With; ACMA=600; Vary=Origin
            preflight: empty elements and spaces     | OPTIONS | /api/items                       | https://app.example.com                  | PUT    | ' content-type , ,x-requested-with,' | | 204  | ACAO=https://app.example.com; ACAC=true; ACAM=PUT, DELETE, patch; ACAH=Content-Type, X-Requested-With; ACMA=600; Vary=Origin
            preflight: header not allowed            | OPTIONS | /api/items                       | https://app.example.com                  | PUT    | content-type,x-custom |              | 403    | Vary=Origin
            preflight: Authorization must be listed  | OPTIONS | /api/items                       | https://app.example.com                  | PUT    | authorization |                      | 403    | Vary=Origin
            preflight: malformed ACRH                | OPTIONS | /api/items                       | https://app.example.com                  | PUT    | content-type;x |                     | 403    | Vary=Origin
            preflight: origin refused                | OPTIONS | /api/items                       | https://evil.test                        | PUT    |        |                             | 403    | Vary=Origin
            preflight: suffix trick refused          | OPTIONS | /api/items                       | https://app.example.com.evil.net         | PUT    |        |                             | 403    | Vary=Origin
            preflight: several Origins refused       | OPTIONS | /api/items                       | https://app.example.com, https://evil.test | PUT  |        |                             | 403    | Vary=Origin
            preflight: null not listed               | OPTIONS | /api/items                       | null                                     | PUT    |        |                             | 403    | Vary=Origin
            public: any origin gets *                | GET     | /public/a.css                    | https://anyone.test                      |        |        |                             | 0      | ACAO=*; ACEH=X-Request-Id
            public: * on non-CORS too, no Vary       | GET     | /public/a.css                    |                                          |        |        |                             | 0      | ACAO=*; ACEH=X-Request-Id
            public: the glob covers the base path    | GET     | /public                          | https://anyone.test                      |        |        |                             | 0      | ACAO=*; ACEH=X-Request-Id
            public: app's CORS headers replaced      | GET     | /public/a.css                    | https://anyone.test                      |        |        | ACAO=https://anyone.test; ACAC=true | 0 | ACAO=*; ACEH=X-Request-Id
            public: preflight echoes requested names | OPTIONS | /public/a                        | https://anyone.test                      | PUT    | x-foo,content-type |                 | 204    | ACAO=*; ACAM=PUT, DELETE, patch; ACAH=x-foo,content-type; ACMA=600; Vary=Access-Control-Request-Headers
            public: echo is lower case, no spaces    | OPTIONS | /public/a                        | https://anyone.test                      | PUT    | X-Foo, Content-Type |                | 204    | ACAO=*; ACAM=PUT, DELETE, patch; ACAH=x-foo,content-type; ACMA=600; Vary=Access-Control-Request-Headers
            public: * never covers Authorization     | OPTIONS | /public/a                        | https://anyone.test                      | PUT    | x-foo,authorization |                | 403    | (none)
            public: null origin allowed by *         | OPTIONS | /public/a                        | null                                     | PUT    |        |                             | 204    | ACAO=*; ACAM=PUT, DELETE, patch; ACMA=600; Vary=Access-Control-Request-Headers
            public: malformed origin preflight       | OPTIONS | /public/a                        | https://a.test, https://b.test           | PUT    |        |                             | 403    | (none)
            rules: a longer glob is not a prefix     | GET     | /publicity                       |                                          |        |        |                             | 0      | Vary=Origin
            auth: credentials echo requested names   | OPTIONS | /api/auth/login                  | https://app.example.com                  | POST   | authorization,x-trace |              | 204    | ACAO=https://app.example.com; ACAC=true; ACAM=PUT, DELETE, patch; ACAH=authorization,x-trace; ACMA=600; Vary=Origin, Access-Control-Request-Headers
            auth: no ACRH still varies on it         | OPTIONS | /api/auth/login                  | https://app.example.com                  | POST   |        |                             | 204    | ACAO=https://app.example.com; ACAC=true; ACAM=PUT, DELETE, patch; ACMA=600; Vary=Origin, Access-Control-Request-Headers
            auth: origins overridden by the path     | OPTIONS | /api/auth/login                  | https://beta.example.com                 | POST   |        |                             | 403    | Vary=Origin
            auth: unset keys inherited               | POST    | /api/auth/login                  | https://app.example.com                  |        |        |                             | 0      | ACAO=https://app.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            strict: refused actual request           | GET     | /strict/report                   | https://evil.test                        |        |        |                             | 403    | Vary=Origin
            strict: allowed actual request           | GET     | /strict/report                   | https://app.example.com                  |        |        |                             | 0      | ACAO=https://app.example.com; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            strict: non-CORS request served          | GET     | /strict/report                   |                                          |        |        |                             | 0      | Vary=Origin
            nullok: listed null is echoed            | GET     | /nullok/x                        | null                                     |        |        |                             | 0      | ACAO=null; ACAC=true; ACEH=X-Request-Id; Vary=Origin
            none: no origin, nothing to change       | GET     | /none/x                          | https://app.example.com                  |        |        |                             | 0      | (unchanged)
            none: app's reflection removed           | GET     | /none/x                          | https://app.example.com                  |        |        | ACAO=https://app.example.com; ACAC=true | 0 | (none)
            none: app Vary kept as it is             | GET     | /none/x                          |                                          |        |        | Vary=Accept                 | 0      | (unchanged)
            """)
    void decides(String name, String method, String url, String origin, String requestMethod, String requestHeaders,
                 String appHeaders, int status, String headers) {
        String fullUrl = url.startsWith("/") ? "https://api.example.com" + url : url;
        PolicyExchange exchange = Requests.enter(ENGINE, method, fullUrl, origin, requestMethod, requestHeaders);
        assertEquals(status, exchange.answerStatus(), "status");
        String[] actual = status != 0 ? exchange.answerHeaders()
                : exchange.commitHeaders(200, Requests.headers(appHeaders));
        assertEquals(headers, Requests.show(actual), "headers");
    }
}
