package io.corsagent.tests.browser;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one call on a demo page must show: its status and the text the page read, matched whole.
 *
 * @param shown the detail as failure messages print it
 */
record Expected(String status, Pattern detail, String shown) {

    /** What JavaScript sees of a response the browser refused: fetch() rejects with this, nothing more. */
    static final String BLOCKED_DETAIL = "blocked by the browser (TypeError: Failed to fetch); the console says why";

    static final String STATUS_BODY = "HTTP 200 {\"status\":\"up\"}";
    static final String ACCOUNT_BODY = "HTTP 200 {\"user\":\"alice\",\"iban\":\"DE89 3704 0044 0532 0130 00\"}";
    static final String ME_BODY = "HTTP 200 {\"user\":\"alice\"}";
    static final String ORDER_CREATED = "HTTP 201 {\"order\":1001,\"status\":\"created\",\"bytes\":29}";
    static final String ORDER_UPDATED = "HTTP 200 {\"order\":42,\"status\":\"updated\",\"clientVersion\":\"2.4\"}";
    static final Pattern REQUEST_ID_READ = Pattern.compile("HTTP 200 X-Request-Id: req-[0-9]+");

    static Expected ok(String detail) {
        return new Expected("ok", Pattern.compile(Pattern.quote(detail)), detail);
    }

    static Expected ok(Pattern detail) {
        return new Expected("ok", detail, detail.pattern());
    }

    static Expected blocked() {
        return new Expected("blocked", Pattern.compile(Pattern.quote(BLOCKED_DETAIL)), BLOCKED_DETAIL);
    }

    boolean matches(PageResults.CallResult actual) {
        return status.equals(actual.status()) && detail.matcher(actual.detail()).matches();
    }

    @Override
    public String toString() {
        return status + " | " + shown;
    }

    /** The shop's frontend without the agent, and with the agent in audit mode (which must change nothing). */
    static Map<String, Expected> shopPageAsLegacyAppServesIt() {
        Map<String, Expected> calls = new LinkedHashMap<>();
        calls.put("simple-get", ok(STATUS_BODY));          // Allow-Origin: * is enough without credentials
        calls.put("post-json", blocked());                 // preflight answered 401 by the login filter
        calls.put("put-custom-header", blocked());         // same
        calls.put("credentials", blocked());               // Allow-Origin: * with credentials
        calls.put("exposed-header", blocked());            // no Allow-Origin at all on /api/products
        calls.put("account", ok(ACCOUNT_BODY));            // the reflected Origin works for the shop too
        return calls;
    }

    /** The attacker's page without the agent, and in audit mode: it reads alice's account. */
    static Map<String, Expected> attackerPageAsLegacyAppServesIt() {
        Map<String, Expected> calls = new LinkedHashMap<>();
        calls.put("steal-account", ok(ACCOUNT_BODY));      // reflected Origin with credentials: the leak
        calls.put("read-me", blocked());
        calls.put("read-status", ok(STATUS_BODY));         // Allow-Origin: *
        calls.put("post-order", blocked());
        return calls;
    }

    /** The shop's frontend with the agent enforcing demo-app/cors-policy.properties: everything works. */
    static Map<String, Expected> shopPageEnforced() {
        Map<String, Expected> calls = new LinkedHashMap<>();
        calls.put("simple-get", ok(STATUS_BODY));
        calls.put("post-json", ok(ORDER_CREATED));
        calls.put("put-custom-header", ok(ORDER_UPDATED));
        calls.put("credentials", ok(ME_BODY));
        calls.put("exposed-header", ok(REQUEST_ID_READ));
        calls.put("account", ok(ACCOUNT_BODY));
        return calls;
    }

    /** The attacker's page with the agent enforcing: nothing readable. */
    static Map<String, Expected> attackerPageEnforced() {
        Map<String, Expected> calls = new LinkedHashMap<>();
        calls.put("steal-account", blocked());
        calls.put("read-me", blocked());
        calls.put("read-status", blocked());
        calls.put("post-order", blocked());
        return calls;
    }
}
