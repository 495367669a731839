package io.corsagent.policy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invalid policies, one per row: the exact line, key, message and suggested fix of the single error each holds.
 * In the policy column {@code ⏎} separates lines.
 */
class PolicyValidationTableTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # case                          | policy                                                                                   | line | key                            | message                                                                                                                        | fix
            unknown key, did you mean       | allowed-orgins = https://a.example.com                                                   | 1    | allowed-orgins                 | unknown key                                                                                                                    | did you mean allowed-origins?
            key in wrong case               | max-age = 5 ⏎ Allow-Credentials = true                                                   | 2    | Allow-Credentials              | unknown key                                                                                                                    | did you mean allow-credentials?
            unknown key, far from any       | colour = blue                                                                            | 1    | colour                         | unknown key                                                                                                                    | known keys: mode, public-origins, log.file, log.format, log.app, allowed-origins, allowed-methods, allowed-headers, exposed-headers, allow-credentials, max-age, reject-disallowed, and path.<glob>.<key>
            duplicated key                  | allowed-origins = https://a.example.com ⏎ # again ⏎ allowed-origins = https://b.example.com | 3 | allowed-origins              | set twice (first on line 1); the policy would silently depend on which one wins                                              | keep the one you mean and delete the other
            any origin with credentials     | allowed-origins = * ⏎ allow-credentials = true                                           | 1    | allowed-origins                | * (any origin) together with allow-credentials = true would let every website act as the signed-in user                         | list the trusted origins (subdomain wildcards like https://*.example.com are fine), or set allow-credentials = false
            origin with a path              | allowed-origins = https://app.example.com/api                                            | 1    | allowed-origins                | 'https://app.example.com/api' never matches because it has a path, query or fragment; browsers send https://app.example.com      | write https://app.example.com
            trailing slash                  | allowed-origins = https://app.example.com/                                               | 1    | allowed-origins                | 'https://app.example.com/' never matches because it ends with a slash; browsers send https://app.example.com                   | write https://app.example.com
            default port                    | allowed-origins = https://app.example.com:443                                            | 1    | allowed-origins                | 'https://app.example.com:443' never matches because it names the default port 443, which browsers omit; browsers send https://app.example.com | write https://app.example.com
            upper case, several issues      | allowed-origins = HTTP://App.Example.com:80/                                             | 1    | allowed-origins                | 'HTTP://App.Example.com:80/' never matches because the scheme is in upper case, it ends with a slash, the host is in upper case and it names the default port 80, which browsers omit; browsers send http://app.example.com | write http://app.example.com
            user info                       | allowed-origins = https://user@app.example.com                                           | 1    | allowed-origins                | 'https://user@app.example.com' never matches because it has user info; browsers send https://app.example.com                   | write https://app.example.com
            percent sign                    | allowed-origins = https://app%2eexample.com                                              | 1    | allowed-origins                | 'https://app%2eexample.com' contains a percent sign; a serialized origin never does                                            | write the host as a browser sends it
            no scheme                       | allowed-origins = app.example.com                                                        | 1    | allowed-origins                | 'app.example.com' is not an origin: it has no scheme                                                                           | write https://app.example.com
            wildcard inside the host        | allowed-origins = https://app.*.example.com                                              | 1    | allowed-origins                | 'https://app.*.example.com' uses * inside the host; * may only stand for the whole first label (https://*.example.com) or for the port (http://localhost:*) | write https://*.example.com or list the origins one by one
            wildcard over a TLD             | allowed-origins = https://*.com                                                          | 1    | allowed-origins                | 'https://*.com' allows every site under the public suffix com (anyone can register a name there)                              | name your own domain, for example https://*.example.com
            wildcard over co.uk             | allowed-origins = https://*.co.uk                                                        | 1    | allowed-origins                | 'https://*.co.uk' allows every site under the public suffix co.uk (anyone can register a name there)                          | name your own domain, for example https://*.example.co.uk
            wildcard over github.io         | allowed-origins = https://*.github.io                                                    | 1    | allowed-origins                | 'https://*.github.io' allows every site under the public suffix github.io (anyone can register a name there)                  | name your own domain, for example https://*.example.github.io
            wildcard over com. (trailing dot) | allowed-origins = https://*.com.                                                       | 1    | allowed-origins                | 'https://*.com.' allows every site under the public suffix com. (anyone can register a name there)                            | name your own domain, for example https://*.example.com.
            wildcard over github.io.        | allowed-origins = https://*.github.io.                                                   | 1    | allowed-origins                | 'https://*.github.io.' allows every site under the public suffix github.io. (anyone can register a name there)                | name your own domain, for example https://*.example.github.io.
            wildcard over IPv4 addresses    | allowed-origins = http://*.0.1                                                           | 1    | allowed-origins                | 'http://*.0.1' puts a wildcard on an IP address (a host that ends in a number is an IPv4 address to browsers)                 | list the addresses one by one
            wildcard over a hex IPv4 end    | allowed-origins = http://*.example.0x1                                                   | 1    | allowed-origins                | 'http://*.example.0x1' puts a wildcard on an IP address (a host that ends in a number is an IPv4 address to browsers)         | list the addresses one by one
            wildcard over IPv6              | allowed-origins = http://*.[::1]                                                         | 1    | allowed-origins                | 'http://*.[::1]' puts a wildcard on an IP address                                                                              | list the addresses one by one
            short IPv4 address              | allowed-origins = http://127.1:8080                                                      | 1    | allowed-origins                | 'http://127.1:8080' never matches because the IP address is not written as browsers serialize it; browsers send http://127.0.0.1:8080 | write http://127.0.0.1:8080
            hex and octal IPv4 address      | allowed-origins = http://0x7f.0.0.01                                                     | 1    | allowed-origins                | 'http://0x7f.0.0.01' never matches because the IP address is not written as browsers serialize it; browsers send http://127.0.0.1 | write http://127.0.0.1
            IPv4 with a trailing dot        | allowed-origins = http://10.0.0.1.                                                       | 1    | allowed-origins                | 'http://10.0.0.1.' never matches because the IP address is not written as browsers serialize it; browsers send http://10.0.0.1 | write http://10.0.0.1
            expanded IPv6 address           | allowed-origins = http://[0:0:0:0:0:0:0:1]:8080                                          | 1    | allowed-origins                | 'http://[0:0:0:0:0:0:0:1]:8080' never matches because the IP address is not written as browsers serialize it; browsers send http://[::1]:8080 | write http://[::1]:8080
            IPv6 with leading zeros         | public-origins = https://[2001:0db8::0001]                                               | 1    | public-origins                 | 'https://[2001:0db8::0001]' never matches because the IP address is not written as browsers serialize it; browsers send https://[2001:db8::1] | write https://[2001:db8::1]
            IPv6 with an IPv4 tail          | allowed-origins = http://[::ffff:192.168.0.1]                                            | 1    | allowed-origins                | 'http://[::ffff:192.168.0.1]' never matches because the IP address is not written as browsers serialize it; browsers send http://[::ffff:c0a8:1] | write http://[::ffff:c0a8:1]
            IPv4 out of range               | allowed-origins = http://256.0.0.1                                                       | 1    | allowed-origins                | 'http://256.0.0.1' has an invalid host: it ends in a number, so browsers read it as an IPv4 address, and it is not a valid one | write the address as four numbers from 0 to 255, such as http://10.0.0.1
            IPv6 malformed                  | allowed-origins = http://[1::2::3]                                                       | 1    | allowed-origins                | 'http://[1::2::3]' has an invalid host: not a valid IPv6 address                                                              | write the address as browsers do, such as http://[2001:db8::1]
            NULL in upper case              | allowed-origins = NULL                                                                   | 1    | allowed-origins                | 'NULL' never matches: browsers send the opaque origin as null, in lower case                                                   | write null
            file scheme                     | allowed-origins = file://                                                                | 1    | allowed-origins                | browsers send Origin: null for file: pages, never 'file://'                                                                    | list null instead, knowing that sandboxed frames also send it
            port out of range               | allowed-origins = https://app.example.com:99999                                          | 1    | allowed-origins                | 'https://app.example.com:99999' has an invalid port '99999' (1 to 65535)                                                        | write a port between 1 and 65535, or :* for any port
            origins without commas          | allowed-origins = https://a.example.com https://b.example.com                            | 1    | allowed-origins                | 'https://a.example.com https://b.example.com' contains white space or a control character                                      | separate origins with commas, one origin per entry
            not ASCII                       | allowed-origins = https://bücher.example                                                 | 1    | allowed-origins                | 'https://bücher.example' is not ASCII: browsers send international domain names in punycode                                   | write the host in its xn-- form
            empty list entry                | allowed-origins = https://a.example.com,,https://b.example.com                           | 1    | allowed-origins                | empty entry in the list (two commas in a row, or a comma at an end)                                                            | remove the extra comma
            forbidden CONNECT               | allowed-methods = PUT, CONNECT                                                           | 1    | allowed-methods                | CONNECT is forbidden: browsers never send it and servers should not allow it                                                   | remove CONNECT
            forbidden TRACE                 | allowed-methods = TRACE                                                                  | 1    | allowed-methods                | TRACE is forbidden: browsers never send it and servers should not allow it                                                     | remove TRACE
            forbidden track, any case       | allowed-methods = track                                                                  | 1    | allowed-methods                | track is forbidden: browsers never send it and servers should not allow it                                                     | remove track
            lower-case put never matches    | allowed-methods = put                                                                    | 1    | allowed-methods                | 'put' never matches: browsers send this method as PUT and methods compare case-sensitively                                      | write PUT
            methods without commas          | allowed-methods = PUT DELETE                                                             | 1    | allowed-methods                | 'PUT DELETE' is not a valid method name (an HTTP token)                                                                        | remove it
            method wildcard                 | allowed-methods = *                                                                      | 1    | allowed-methods                | * is no wildcard here: allowed-methods lists methods by name (GET, HEAD and POST are always allowed)                           | list the methods by name
            invalid header name             | allowed-headers = X-Trace Id                                                             | 1    | allowed-headers                | 'X-Trace Id' is not a valid header name (an HTTP token)                                                                        | remove it
            invalid exposed header          | exposed-headers = X-Id:                                                                  | 1    | exposed-headers                | 'X-Id:' is not a valid header name (an HTTP token)                                                                             | remove it
            max-age not a number            | max-age = ten                                                                            | 1    | max-age                        | 'ten' is not a number of seconds                                                                                               | write a whole number from 0 to 86400, for example 600
            max-age negative                | max-age = -5                                                                             | 1    | max-age                        | '-5' is not a number of seconds                                                                                                | write a whole number from 0 to 86400, for example 600
            max-age out of range            | max-age = 100000                                                                         | 1    | max-age                        | 100000 seconds is out of range: browsers cap the preflight cache at one day or less (Chromium 7200, WebKit 600)                | write a number from 0 to 86400
            boolean yes                     | allow-credentials = yes                                                                  | 1    | allow-credentials              | 'yes' is not true or false                                                                                                     | write true or false
            boolean in upper case           | reject-disallowed = TRUE                                                                 | 1    | reject-disallowed              | 'TRUE' is not true or false                                                                                                    | write true
            mode in upper case              | mode = Enforce                                                                           | 1    | mode                           | 'Enforce' is not a mode: enforce, audit or off                                                                                 | write enforce
            unknown mode                    | mode = block                                                                             | 1    | mode                           | 'block' is not a mode: enforce, audit or off                                                                                   | write enforce, audit or off
            unknown log format              | log.format = xml                                                                         | 1    | log.format                     | 'xml' is not a log format: text or json                                                                                        | write text or json
            empty log file                  | log.file =                                                                               | 1    | log.file                       | empty log file name                                                                                                            | remove the key to log to stderr, or name a file
            wildcard public origin          | public-origins = https://*.example.com                                                   | 1    | public-origins                 | 'https://*.example.com': public-origins lists this application's own origins exactly, as browsers reach it; no *, null or wildcards | list each public origin, such as https://shop.example.com
            glob without leading slash      | path.public/**.allowed-origins = * ⏎ path.public/**.max-age = 5                          | 1    | path.public/**.allowed-origins | the path glob 'public/**' does not start with /; globs match the served path, context path included                              | write path./public/**. ...
            policy key under a path         | path./admin/**.mode = audit                                                              | 1    | path./admin/**.mode            | mode applies to the whole policy and cannot be set per path                                                                    | set mode on its own, without the path prefix
            mistyped path rule key          | path./admin/**.alowed-origins = https://a.example.com                                   | 1    | path./admin/**.alowed-origins  | unknown path rule key: path rules are path.<glob>.<key> with <key> one of allowed-origins, allowed-methods, allowed-headers, exposed-headers, allow-credentials, max-age, reject-disallowed | did you mean path./admin/**.allowed-origins?
            equally specific overlapping    | path./a/*.max-age = 1 ⏎ path./*/b.max-age = 2                                            | 2    | path./*/b                      | equally specific as path./a/* (line 1), and both match /a/b: which rule applies would be arbitrary                             | make one glob more specific (a longer literal part wins), or merge the two rules
            overlap through /**             | path./api/**.max-age = 1 ⏎ path./**/v12.max-age = 2                                      | 2    | path./**/v12                   | equally specific as path./api/** (line 1), and both match /api/v12: which rule applies would be arbitrary                        | make one glob more specific (a longer literal part wins), or merge the two rules
            path inherits credentials       | allow-credentials = true ⏎ allowed-origins = https://a.example.com ⏎ path./pub/**.allowed-origins = * | 3 | path./pub/**.allowed-origins | * (any origin) together with allow-credentials = true would let every website act as the signed-in user (allow-credentials = true is inherited from line 1) | list the trusted origins (subdomain wildcards like https://*.example.com are fine), or set allow-credentials = false
            path inherits any origin        | allowed-origins = * ⏎ path./me/**.allow-credentials = true                               | 2    | path./me/**.allow-credentials  | * (any origin) together with allow-credentials = true would let every website act as the signed-in user (allowed-origins = * is inherited from line 1) | list the trusted origins (subdomain wildcards like https://*.example.com are fine), or set allow-credentials = false
            exposed * with credentials      | allowed-origins = https://a.example.com ⏎ allow-credentials = true ⏎ exposed-headers = *  | 3    | exposed-headers                | exposed-headers = * is no wildcard for credentialed requests: browsers then expose only a header literally named *             | list the headers to expose by name
            malformed unicode escape        | allowed-origins = https://a.example.com\\u00zz                                            | 1    | allowed-origins                | malformed escape \\u00zz: \\u needs four hexadecimal digits                                                                     | write \\\\u for a literal backslash-u, or \\u0041 style escapes
            """)
    void reportsTheError(String name, String policy, int line, String key, String message, String fix) {
        LoadResult result = PolicyLoader.parse("policy.properties", policy.replace(" ⏎ ", "\n"));
        assertFalse(result.isValid(), name);
        assertNull(result.policy());
        assertEquals(1, result.errors().size(), () -> "errors: " + result.errors());
        Problem error = result.errors().get(0);
        assertEquals(Problem.Severity.ERROR, error.severity());
        assertEquals("policy.properties", error.file());
        assertEquals(line, error.line(), "line");
        assertEquals(key, error.key(), "key");
        assertEquals(message, error.message(), "message");
        assertEquals(fix, error.fix(), "fix");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # case                          | policy                                                                          | line | key             | message
            http origin with credentials    | allowed-origins = http://app.example.com ⏎ allow-credentials = true             | 1    | allowed-origins | http://app.example.com is plain http with credentials: anyone on the network path can inject script there and act as the user
            null listed                     | allowed-origins = null                                                          | 1    | allowed-origins | null is the origin of sandboxed frames, file: pages and redirects: any site can produce it
            * beside other origins          | allowed-origins = *, https://a.example.com                                      | 1    | allowed-origins | * already allows every origin; the other entries are redundant
            origin listed twice             | allowed-origins = https://a.example.com, https://a.example.com                  | 1    | allowed-origins | 'https://a.example.com' is listed twice
            public and allowed origin       | public-origins = https://www.example.com ⏎ allowed-origins = https://www.example.com     | 1    | public-origins  | https://www.example.com is in both public-origins and allowed-origins: requests from it are same-origin only when sent to www.example.com, and CORS requests under allowed-origins when sent to another host
            public origin under a wildcard  | public-origins = https://www.example.com ⏎ path./api/**.allowed-origins = https://*.example.com | 1 | public-origins | https://www.example.com is in both public-origins and allowed-origins: requests from it are same-origin only when sent to www.example.com, and CORS requests under allowed-origins when sent to another host
            forbidden request header        | allowed-headers = Content-Type, Cookie                                          | 1    | allowed-headers | Cookie is a header scripts cannot set, so browsers never ask for it
            safelisted exposed header       | exposed-headers = Content-Type                                                  | 1    | exposed-headers | Content-Type is always exposed to scripts; listing it changes nothing
            """)
    void warnsButLoads(String name, String policy, int line, String key, String message) {
        LoadResult result = PolicyLoader.parse("policy.properties", policy.replace(" ⏎ ", "\n"));
        assertTrue(result.isValid(), () -> name + ": " + result.errors());
        assertEquals(1, result.warnings().size(), () -> "warnings: " + result.warnings());
        Problem warning = result.warnings().get(0);
        assertEquals(Problem.Severity.WARNING, warning.severity());
        assertEquals(line, warning.line());
        assertEquals(key, warning.key());
        assertEquals(message, warning.message());
        assertEquals(result.warnings(), result.policy().warnings());
    }

    @Test
    void reportsEveryProblemAtOnceInLineOrder() {
        LoadResult result = PolicyLoader.parse("p.properties", String.join("\n",
                "mode = enforce   # enforce | audit | off",
                "allowed-origins = https://App.example.com, https://*.com, http://ok.example.com",
                "allowed-methods = TRACE",
                "alow-credentials = true",
                "max-age = 99999999999",
                "allowed-headers = Cookie"));
        assertFalse(result.isValid());
        assertEquals(List.of(
                "p.properties:2: error: allowed-origins: 'https://App.example.com' never matches because the host is in"
                        + " upper case; browsers send https://app.example.com (fix: write https://app.example.com)",
                "p.properties:2: error: allowed-origins: 'https://*.com' allows every site under the public suffix com"
                        + " (anyone can register a name there) (fix: name your own domain, for example"
                        + " https://*.example.com)",
                "p.properties:3: error: allowed-methods: TRACE is forbidden: browsers never send it and servers should"
                        + " not allow it (fix: remove TRACE)",
                "p.properties:4: error: alow-credentials: unknown key (fix: did you mean allow-credentials?)",
                "p.properties:5: error: max-age: '99999999999' is not a number of seconds (fix: write a whole number"
                        + " from 0 to 86400, for example 600)"),
                result.errors().stream().map(Problem::toString).toList());
        assertEquals(List.of("p.properties:6: warning: allowed-headers: Cookie is a header scripts cannot set, so"
                        + " browsers never ask for it (fix: remove Cookie)"),
                result.warnings().stream().map(Problem::toString).toList());
    }

    @Test
    void aMissingFileIsAProblemNotAnException() {
        LoadResult result = PolicyLoader.load(java.nio.file.Path.of("/nonexistent/policy.properties"));
        assertFalse(result.isValid());
        assertEquals("/nonexistent/policy.properties: error: cannot read the policy file: no such file"
                + " (fix: check the path and its permissions)", result.errors().get(0).toString());
    }
}
