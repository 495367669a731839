package io.corsagent.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {

    @TempDir
    Path directory;

    private Path valid;
    private Path invalid;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writePolicies() throws IOException {
        valid = Files.writeString(directory.resolve("valid.properties"), """
                allowed-origins = https://app.example.com, https://*.example.com, null
                allowed-methods = PUT
                allowed-headers = Content-Type
                allow-credentials = true
                path./public/**.allowed-origins = *
                path./public/**.allow-credentials = false
                """);
        invalid = Files.writeString(directory.resolve("invalid.properties"), """
                allowed-origins = *
                allow-credentials = true
                max-age = forever
                """);
    }

    private int run(String... arguments) {
        return Cli.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8).replace(directory + "/", "");
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8).replace(directory + "/", "");
    }

    @Test
    void checkAValidPolicyShowsWarningsAndExitsZero() {
        assertEquals(0, run("check", valid.toString()));
        assertEquals("""
                valid.properties:1: warning: allowed-origins: null is the origin of sandboxed frames, file: pages and \
                redirects: any site can produce it (fix: remove null unless you serve such a client)
                valid.properties: valid, 1 warning
                """, out());
        assertEquals("", err());
    }

    @Test
    void checkAnInvalidPolicyListsEveryErrorAndExitsOne() {
        assertEquals(1, run("check", invalid.toString()));
        assertEquals("""
                invalid.properties:1: error: allowed-origins: * (any origin) together with allow-credentials = true \
                would let every website act as the signed-in user (fix: list the trusted origins (subdomain \
                wildcards like https://*.example.com are fine), or set allow-credentials = false)
                invalid.properties:3: error: max-age: 'forever' is not a number of seconds (fix: write a whole \
                number from 0 to 86400, for example 600)
                invalid.properties: invalid, 2 errors, 0 warnings; the agent would not use it
                """, out());
    }

    @Test
    void checkJson() {
        assertEquals(1, run("check", "--json", invalid.toString()));
        assertEquals("{\"file\":\"invalid.properties\",\"valid\":false,\"errors\":["
                + "{\"line\":1,\"key\":\"allowed-origins\",\"message\":\"* (any origin) together with allow-credentials"
                + " = true would let every website act as the signed-in user\",\"fix\":\"list the trusted origins"
                + " (subdomain wildcards like https://*.example.com are fine), or set allow-credentials = false\"},"
                + "{\"line\":3,\"key\":\"max-age\",\"message\":\"'forever' is not a number of seconds\",\"fix\":"
                + "\"write a whole number from 0 to 86400, for example 600\"}],\"warnings\":[]}\n", out());
    }

    @Test
    void checkAMissingFileExitsOne() {
        assertEquals(1, run("check", directory.resolve("nope.properties").toString()));
        assertEquals("""
                nope.properties: error: cannot read the policy file: no such file (fix: check the path and its permissions)
                nope.properties: invalid, 1 error, 0 warnings; the agent would not use it
                """, out());
    }

    @Test
    void wrongUsageExitsTwoWithAPointerToHelp() {
        assertEquals(2, run("check"));
        assertEquals("""
                cors-agent check: name the policy file to check
                Run 'java -jar cors-agent.jar check --help' for its usage.
                """, err());
        err.reset();
        assertEquals(2, run("check", valid.toString(), "--jsn"));
        assertEquals("cors-agent check: unknown option --jsn\n", err().lines().findFirst().orElseThrow() + "\n");
        err.reset();
        assertEquals(2, run("explain", valid.toString(), "--origin", "https://a.example.com"));
        assertTrue(err().startsWith("cors-agent explain: --method is required\n"), err());
        err.reset();
        assertEquals(2, run("explain", valid.toString(), "--method", "GET", "--url", "not a url"));
        assertTrue(err().startsWith("cors-agent explain: --url not a url is not a URL"), err());
        err.reset();
        assertEquals(2, run("frobnicate"));
        assertTrue(err().startsWith("cors-agent: unknown command 'frobnicate'\nUsage: java -jar cors-agent.jar"), err());
        err.reset();
        assertEquals(2, run());
        assertTrue(err().contains("  check      validate a policy file and list every problem\n"), err());
    }

    @Test
    void helpPerCommand() {
        assertEquals(0, run("check", "--help"));
        assertTrue(out().startsWith("Usage: java -jar cors-agent.jar check <policy.properties> [--json]\n"), out());
        out.reset();
        assertEquals(0, run("explain", "--help"));
        assertTrue(out().startsWith("Usage: java -jar cors-agent.jar explain <policy.properties> --origin <origin>"
                + " --method <method>\n"), out());
        out.reset();
        assertEquals(0, run("--help"));
        assertTrue(out().contains("  explain    show the decision for one request"), out());
    }

    @Test
    void versionComesFromTheFilteredResource() {
        assertEquals(0, run("--version"));
        assertTrue(out().matches("cors-agent \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), out());
    }

    @Test
    void explainAnAllowedPreflight() {
        assertEquals(0, run("explain", valid.toString(), "--origin", "https://app.example.com", "--method", "OPTIONS",
                "--request-method", "PUT", "--request-header", "content-type", "--url",
                "https://api.example.com/orders"));
        assertEquals("""
                Request:  OPTIONS https://api.example.com:443/orders
                          Origin: https://app.example.com
                          Access-Control-Request-Method: PUT
                          Access-Control-Request-Headers: content-type
                Kind:     preflight
                Rule:     top-level (line 1)
                Decision: allowed
                Response: 204, answered by the agent itself (the application never sees the request)
                          Access-Control-Allow-Origin: https://app.example.com
                          Access-Control-Allow-Credentials: true
                          Access-Control-Allow-Methods: PUT
                          Access-Control-Allow-Headers: Content-Type
                          Access-Control-Max-Age: 600
                          Vary: Origin
                Note:     valid.properties:1: warning: allowed-origins: null is the origin of sandboxed frames, \
                file: pages and redirects: any site can produce it (fix: remove null unless you serve such a client)
                """, out());
    }

    @Test
    void explainARefusedHeader() {
        assertEquals(0, run("explain", valid.toString(), "--origin", "https://app.example.com", "--method", "OPTIONS",
                "--request-method", "PUT", "--request-header", "content-type", "--request-header", "authorization"));
        assertTrue(out().contains("""
                Decision: refused by the headers check: a requested header is not in allowed-headers (authorization)
                Response: 403, answered by the agent itself (the application never sees the request)
                          Vary: Origin
                """), out());
    }

    @Test
    void explainARefusedActualRequestOnAPathRule() {
        assertEquals(0, run("explain", valid.toString(), "--origin", "https://a.test", "--origin", "https://b.test",
                "--method", "GET", "--url", "http://localhost:8080/orders"));
        assertEquals("""
                Request:  GET http://localhost:8080/orders
                          Origin: https://a.test, https://b.test
                Kind:     actual CORS request
                Rule:     top-level (line 1)
                Decision: refused by the origin check: the request has several Origin values (https://a.test, https://b.test)
                Response: the application's own status; the agent makes the response's CORS headers exactly these \
                (Access-Control-* headers the application sets are replaced):
                          Vary: Origin
                Note:     the application still runs, and the browser keeps the response from the script; \
                reject-disallowed = true answers 403 instead
                """, out().lines().filter(line -> !line.contains("warning")).map(line -> line + "\n")
                .reduce("", String::concat));
    }

    @Test
    void explainSameOriginAndPathRules() {
        assertEquals(0, run("explain", valid.toString(), "--origin", "https://api.example.com", "--method", "GET",
                "--url", "https://api.example.com/public/app.js"));
        assertTrue(out().contains("""
                Kind:     not CORS (the Origin is the request's own origin)
                Rule:     path./public/** (line 5)
                Decision: allowed
                """), out());
        assertTrue(out().contains("          Access-Control-Allow-Origin: *\n"), out());
    }

    @Test
    void explainAnInvalidPolicyExitsOne() {
        assertEquals(1, run("explain", invalid.toString(), "--method", "GET"));
        assertTrue(err().endsWith("invalid.properties: invalid policy; nothing to explain\n"), err());
    }

    @Test
    void explainAPublicOriginIsSameOriginOnlyForItsOwnHost() throws IOException {
        Path policy = Files.writeString(directory.resolve("public.properties"), """
                public-origins = https://www.example.com, https://example.com
                allowed-origins = https://www.example.com
                allowed-methods = PUT
                allowed-headers = *
                """);
        assertEquals(0, run("explain", policy.toString(), "--origin", "https://www.example.com", "--method", "OPTIONS",
                "--request-method", "PUT", "--url", "http://www.example.com:8080/api/x"));
        assertTrue(out().contains("Kind:     not CORS (the Origin is one of public-origins)\n"), out());
        out.reset();
        assertEquals(0, run("explain", policy.toString(), "--origin", "https://www.example.com", "--method", "OPTIONS",
                "--request-method", "PUT", "--request-header", "x-trace", "--url", "https://example.com/api/x"));
        assertTrue(out().contains("""
                Kind:     preflight
                Rule:     top-level (line 2)
                Decision: allowed
                Response: 204, answered by the agent itself (the application never sees the request)
                          Access-Control-Allow-Origin: https://www.example.com
                          Access-Control-Allow-Methods: PUT
                          Access-Control-Allow-Headers: x-trace
                          Access-Control-Max-Age: 600
                          Vary: Origin, Access-Control-Request-Headers
                """), out());
        assertTrue(out().contains("warning: public-origins: https://www.example.com is in both public-origins and"
                + " allowed-origins"), out());
    }
}
