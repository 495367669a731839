package io.corsagent.audit;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.FilterChainTrace;
import io.corsagent.cors.ManagedHeaders;
import io.corsagent.cors.RequestKind;
import io.corsagent.policy.Mode;

/**
 * Misordered authentication (docs/DESIGN.md section 5): a CORS request rejected with 401 or 403, or redirected to a
 * login page, by a filter or by container security before any CORS handling ran. Browsers send preflights without
 * credentials, so an auth filter ahead of the CORS handling fails every preflighted call.
 *
 * <p>In audit and off mode the symptom shows on preflights the app rejects. In enforce mode preflights never reach
 * the app; there the chain itself shows it: a filter seen rejecting a CORS request ahead of a CORS filter of the
 * app, or a well-known auth filter (Spring Security, Shiro, Keycloak) that runs ahead of one.
 *
 * <p>One warning per distinct (culprit, path rule).
 */
final class MisorderedAuthFindings {

    static final String CONTAINER = "container-security";
    /** In enforce mode, the chains of this many CORS requests are traced first, then {@link #ENFORCE_SAMPLE}. */
    static final int ENFORCE_LEARNING = 100;
    /** After those, one CORS request in about this many (a power of two) is traced in enforce mode. */
    static final int ENFORCE_SAMPLE = 1024;

    private final FindingLog log;
    /** Counted down by racing request threads: about {@link #ENFORCE_LEARNING}, and never written once it is 0. */
    private int enforceLearning = ENFORCE_LEARNING;

    MisorderedAuthFindings(FindingLog log) {
        this.log = log;
    }

    /**
     * Whether to trace the filter chain of a CORS request: always in audit and off mode, where a rejected preflight is
     * the symptom to report. In enforce mode only a sample: there a finding names a filter of the chain that runs
     * for a path, which is the same on every request, and tracing costs each filter of each CORS request a report.
     */
    boolean observesChain(Mode mode) {
        if (mode != Mode.ENFORCE) {
            return true;
        }
        if (enforceLearning > 0) {
            enforceLearning--;
            return true;
        }
        return (ThreadLocalRandom.current().nextInt() & (ENFORCE_SAMPLE - 1)) == 0;
    }

    void check(CorsDecision decision, int status, String[] appHeaders) {
        if (!decision.observesChain() || !decision.allowed() || !ManagedHeaders.hasNoCorsHeaders(appHeaders)) {
            // Not CORS, or its chain not traced (a non-CORS request, or not in enforce mode's sample); or a request the
            // policy refuses anyway, so its rejection breaks nothing; or someone's CORS handling answered, so
            // whatever rejected the request ran after it.
            return;
        }
        FilterChainTrace trace = decision.chainTrace();
        if (trace == null || trace.chainCalls() == 0) {
            if ((status == 401 || status == 403) && trace == null) {
                rejectedByContainer(decision, status);
            }
            return;
        }
        int stopper = trace.stopper();
        if (stopper >= 0 && rejects(decision, status, trace)
                && KnownFilters.corsFilter(trace.filter(stopper)) == null && !corsFilterRanBefore(trace, stopper)) {
            rejectedByFilter(decision, status, trace, stopper);
        } else if (RequestText.enforces(decision)) {
            knownAuthFilterAhead(decision, trace);
        }
    }

    /** 401, 403, or a redirect: any for a preflight (browsers fail a redirected preflight), to a login page else. */
    private static boolean rejects(CorsDecision decision, int status, FilterChainTrace trace) {
        if (status == 401 || status == 403) {
            return true;
        }
        if (status < 300 || status > 399 || status == 304) {
            return false;
        }
        if (decision.kind() == RequestKind.PREFLIGHT) {
            return true;
        }
        String location = trace.redirectLocation();
        return location != null && isLoginPage(location);
    }

    static boolean isLoginPage(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.contains("login") || lower.contains("logon") || lower.contains("signin")
                || lower.contains("sign-in") || lower.contains("auth") || lower.contains("sso");
    }

    private static boolean corsFilterRanBefore(FilterChainTrace trace, int frame) {
        for (int i = 0; i < frame; i++) {
            if (KnownFilters.corsFilter(trace.filter(i)) != null) {
                return true;
            }
        }
        return false;
    }

    private void rejectedByContainer(CorsDecision decision, int status) {
        if (decision.kind() != RequestKind.PREFLIGHT || RequestText.enforces(decision)) {
            // An actual request the container's security rejects is authentication doing its job; enforce mode
            // puts the CORS headers on that 401 so the frontend can read it.
            return;
        }
        String rule = decision.rule().name();
        log.report("misordered-auth|" + rule + "|" + CONTAINER, decision.origin(),
                () -> Finding.of("misordered-auth", Finding.Severity.WARN, rule)
                        .field("culprit", CONTAINER)
                        .field("method", decision.method())
                        .field("path", decision.path())
                        .field("origin", RequestText.bounded(decision.origin()))
                        .field("status", status)
                        .message("the container's security constraint rejected " + RequestText.describe(decision)
                                + " with " + status + " before any filter of the app ran, CORS filters included. "
                                + wouldAnswer(decision, "container security")
                                + " Fix: exclude OPTIONS from the security constraint"
                                + " (<http-method-omission>OPTIONS</http-method-omission> in its"
                                + " web-resource-collection), so that preflights reach the CORS handling."));
    }

    private void rejectedByFilter(CorsDecision decision, int status, FilterChainTrace trace, int culprit) {
        CorsFiltersAhead corsFilters = CorsFiltersAhead.of(decision, trace, culprit);
        if (decision.kind() != RequestKind.PREFLIGHT && corsFilters.noneOnPath()) {
            // An actual request rejected where no CORS filter would run: authentication doing its job.
            return;
        }
        String className = trace.filter(culprit);
        String rule = decision.rule().name();
        log.report("misordered-auth|" + rule + "|" + className, decision.origin(), () -> {
            String outcome = status >= 300 && status < 400
                    ? "redirected " + RequestText.describe(decision) + " to a login page (" + status
                    + (trace.redirectLocation() == null ? "" : " to " + RequestText.bounded(trace.redirectLocation()))
                    + ")"
                    : "rejected " + RequestText.describe(decision) + " with " + status;
            return Finding.of("misordered-auth", Finding.Severity.WARN, rule)
                    .field("culprit", className)
                    .field("position", position(trace, culprit, decision.path()))
                    .field("registeredAs", delegatingFilterName(trace, culprit, decision.path()))
                    .field("corsFilter", corsFilters.field())
                    .field("method", decision.method())
                    .field("path", decision.path())
                    .field("origin", RequestText.bounded(decision.origin()))
                    .field("status", status)
                    .message(className + " (" + position(trace, culprit, decision.path()) + ") " + outcome
                            + " before any CORS handling ran, " + corsFilters.clause() + ". "
                            + (decision.kind() == RequestKind.PREFLIGHT
                            ? wouldAnswer(decision, RequestText.simpleName(className))
                            : enforceCovers(decision))
                            + " Fix: " + fix(trace, culprit, decision.path()));
        });
    }

    /** Enforce mode only: a well-known auth filter that ran ahead of a CORS filter of the app. */
    private void knownAuthFilterAhead(CorsDecision decision, FilterChainTrace trace) {
        for (int auth = 0; auth < trace.frames(); auth++) {
            if (!KnownFilters.isAuthFilter(trace.filter(auth))) {
                continue;
            }
            for (int cors = auth + 1; cors < trace.frames(); cors++) {
                String corsFilter = KnownFilters.corsFilter(trace.filter(cors));
                if (corsFilter == null) {
                    continue;
                }
                String className = trace.filter(auth);
                String corsClass = trace.filter(cors);
                int authFrame = auth;
                String rule = decision.rule().name();
                log.report("misordered-auth|" + rule + "|" + className, decision.origin(),
                        () -> Finding.of("misordered-auth", Finding.Severity.WARN, rule)
                                .field("culprit", className)
                                .field("position", position(trace, authFrame, decision.path()))
                                .field("registeredAs", delegatingFilterName(trace, authFrame, decision.path()))
                                .field("corsFilter", corsFilter + " (" + corsClass + ")")
                                .field("method", decision.method())
                                .field("path", decision.path())
                                .field("origin", RequestText.bounded(decision.origin()))
                                .message(className + " (" + position(trace, authFrame, decision.path())
                                        + "), an authentication filter,"
                                        + " runs ahead of " + corsFilter + " (" + corsClass + ") on "
                                        + RequestText.describe(decision) + ", so it would reject preflights, which"
                                        + " carry no credentials. " + enforceCovers(decision)
                                        + " Fix: " + fix(trace, authFrame, decision.path())));
                return;
            }
        }
    }

    /**
     * Where a filter runs, as the container's chain has it: {@code filter 2 of the filter chain}; for a filter of an
     * inner chain its place there and the element of the container's chain that runs it, e.g. {@code filter 12 of the
     * inner chain of ...FilterChainProxy, in the filter registered as springSecurityFilterChain, filter 4 of the
     * filter chain}. Delegates ({@code DelegatingFilterProxy}'s bean) count as the element that delegates to them,
     * which is named as the app registered it.
     *
     * @param path the request's path, which tells apart registrations of one class mapped to different paths
     */
    static String position(FilterChainTrace trace, int frame, String path) {
        int container = trace.containerElement(frame);
        String place = "filter " + trace.position(container) + " of the filter chain";
        if (trace.delegates(container)) {
            place = "in " + registeredAs(trace, container, path) + ", " + place;
        }
        int runner = trace.parent(trace.element(frame));
        return runner < 0 ? place
                : "filter " + trace.position(frame) + " of the inner chain of " + trace.filter(runner) + ", " + place;
    }

    /** {@code the filter registered as springSecurityFilterChain}, or the class when the registration is unknown. */
    private static String registeredAs(FilterChainTrace trace, int container, String path) {
        String name = registeredName(trace, container, path);
        return name == null ? trace.filter(container) : "the filter registered as " + name;
    }

    /** The registered name of the filter of the container's chain that runs the frame, when it delegates; or null. */
    private static String delegatingFilterName(FilterChainTrace trace, int frame, String path) {
        int container = trace.containerElement(frame);
        return trace.delegates(container) ? registeredName(trace, container, path) : null;
    }

    private static String registeredName(FilterChainTrace trace, int container, String path) {
        return RegisteredFilters.nameOf(trace.servletContext(), trace.filter(container), path);
    }

    private static String fix(FilterChainTrace trace, int frame, String path) {
        String culprit = RequestText.simpleName(trace.filter(frame));
        if (inSpringSecurity(trace, frame)) {
            String cors = SpringSecurityVersion.onClassPathOf(trace.servletContext()).corsCall();
            return "turn on Spring Security's CORS handling, which runs ahead of its authentication and"
                    + " authorization filters: " + cors
                    + " in the SecurityFilterChain, with a CorsConfigurationSource bean that allows the app's"
                    + " origins.";
        }
        int runner = trace.parent(trace.element(frame));
        if (runner >= 0) {
            return "run the CORS handling inside " + RequestText.simpleName(trace.filter(runner)) + " ahead of "
                    + culprit + ", or let OPTIONS preflights through " + culprit + " unauthenticated.";
        }
        String registered = delegatingFilterName(trace, frame, path);
        return "map the CORS filter ahead of " + (registered == null ? culprit : registered)
                + ", or let OPTIONS preflights through " + culprit + " unauthenticated.";
    }

    /** Whether the filter is Spring Security's chain, or runs in it. */
    private static boolean inSpringSecurity(FilterChainTrace trace, int frame) {
        for (int f = frame; f >= 0; f = trace.parent(trace.element(f))) {
            if (KnownFilters.isSpringSecurityChain(trace.filter(f))) {
                return true;
            }
        }
        return false;
    }

    private static String wouldAnswer(CorsDecision decision, String culprit) {
        return "Enforce mode would answer this preflight itself (204) before "
                + culprit + " sees it.";
    }

    private static String enforceCovers(CorsDecision decision) {
        if (!RequestText.enforces(decision)) {
            return "Enforce mode would answer preflights before any filter runs and put the policy's CORS headers"
                    + " on this response.";
        }
        return decision.unsettledReason() == null
                ? "The agent answers preflights before any filter runs and puts the policy's CORS headers on this"
                + " response, so browsers are served; the app's own configuration is still misordered."
                : RequestText.unsettled(decision, "put the policy's CORS headers on this response")
                + " The app's own configuration is misordered.";
    }
}
