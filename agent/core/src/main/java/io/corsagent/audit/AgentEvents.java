package io.corsagent.audit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.CorsEvents;
import io.corsagent.cors.FilterChainTrace;
import io.corsagent.cors.RequestKind;
import io.corsagent.observe.TrafficObservations;
import io.corsagent.policy.Mode;

import org.tinylog.Logger;

/**
 * The runtime's {@link CorsEvents}: counts every decision, and turns decisions and committed responses into
 * findings (what enforce does or would do, unsafe headers of the app, misordered auth filters), each logged once.
 *
 * <p>One instance lives as long as the agent, across policy reloads, so counters and "logged once" memory
 * survive a new engine. Runs on request threads, and nothing here locks. In enforce mode a non-CORS request costs a
 * few field reads. In audit and off mode its response is usually one that enforce would change (it adds
 * {@code Vary: Origin}): that costs matching the change against the signatures seen before and counting the known
 * finding, no allocation as long as the app sends each managed header once. Allocation happens for the first
 * response of each distinct change (its key and, if logged, its text), and for CORS requests.
 */
public final class AgentEvents implements CorsEvents {

    private final AgentCounters counters = new AgentCounters();
    private final FindingLog findings;
    private final PolicyFindings policyFindings;
    private final AppHeaderFindings appHeaderFindings;
    private final MisorderedAuthFindings misorderedAuth;
    /** The traffic summary behind {@code cors-agent suggest}. */
    private final TrafficObservations observations;
    /** Bounded by the number of hook names, which is fixed by the code, not by requests. */
    private final Set<String> failedHooks = ConcurrentHashMap.newKeySet();
    /** Written once, by the first request; read once per request (a volatile read, never a write after that). */
    private volatile boolean servedRequest;

    private volatile BiConsumer<String, LinkageError> linkageFailures = (hook, error) -> { };

    public AgentEvents() {
        this(new TinylogSink());
    }

    public AgentEvents(LogSink sink) {
        this.findings = new FindingLog(sink);
        this.policyFindings = new PolicyFindings(findings);
        this.appHeaderFindings = new AppHeaderFindings(findings);
        this.misorderedAuth = new MisorderedAuthFindings(findings);
        this.observations = new TrafficObservations(sink);
    }

    @Override
    public Object decided(CorsDecision decision) {
        if (!servedRequest) {
            servedRequest = true;
        }
        if (decision.kind() == RequestKind.NOT_CORS) {
            return null;
        }
        counters.decided(decision);
        if (decision.kind() == RequestKind.PREFLIGHT && !decision.allowed() && decision.mode() == Mode.ENFORCE) {
            policyFindings.refusedPreflight(decision);
        }
        try {
            return observations.decided(decision);
        } catch (RuntimeException e) {
            // The traffic summary is a convenience: a fault in it must never cost the request its CORS decision.
            failed("observe", e);
            return null;
        }
    }

    @Override
    public void committed(CorsDecision decision, int status, String[] appHeaders, String[] policyHeaders) {
        boolean enforce = decision.mode() == Mode.ENFORCE;
        if (decision.kind() == RequestKind.NOT_CORS) {
            if (!enforce && policyHeaders != null) {
                policyFindings.wouldChange(decision, status, appHeaders, policyHeaders);
            }
            return;
        }
        try {
            observations.committed(decision, appHeaders);
        } catch (RuntimeException e) {
            failed("observe", e);
        }
        FilterChainTrace chain = decision.chainTrace();
        if (chain == null || !chain.running()) {
            // Otherwise chainCompleted() judges the chain once its outermost filter returned.
            misorderedAuth.check(decision, status, appHeaders);
        }
        appHeaderFindings.check(decision, status, appHeaders);
        if (enforce) {
            return;
        }
        if (decision.enforcedStatus() != 0) {
            policyFindings.wouldAnswer(decision, status, appHeaders);
        } else if (policyHeaders != null) {
            policyFindings.wouldChange(decision, status, appHeaders, policyHeaders);
        }
    }

    @Override
    public boolean observesCredentials(CorsDecision decision) {
        try {
            return observations.observesCredentials(decision);
        } catch (RuntimeException e) {
            failed("observe", e);
            return false;
        }
    }

    @Override
    public void credentials(CorsDecision decision, boolean carried) {
        try {
            observations.credentials(decision, carried);
        } catch (RuntimeException e) {
            failed("observe", e);
        }
    }

    @Override
    public boolean observesResponseFields(CorsDecision decision) {
        try {
            return observations.observesResponseFields(decision);
        } catch (RuntimeException e) {
            failed("observe", e);
            return false;
        }
    }

    @Override
    public void responseFieldNames(CorsDecision decision, String[] names) {
        try {
            observations.responseFieldNames(decision, names);
        } catch (RuntimeException e) {
            failed("observe", e);
        }
    }

    @Override
    public boolean observesChain(Mode mode) {
        return misorderedAuth.observesChain(mode);
    }

    @Override
    public void chainCompleted(CorsDecision decision, int status, String[] appHeaders) {
        misorderedAuth.check(decision, status, appHeaders);
    }

    @Override
    public void failed(String hook, Throwable error) {
        counters.failed();
        if (failedHooks.add(hook)) {
            Logger.error(error, "internal error in hook '{}'; the request went on without cors-agent."
                    + " Further errors of this hook are counted, not logged", hook);
        }
        if (error instanceof LinkageError) {
            linkageFailures.accept(hook, (LinkageError) error);
        }
    }

    /**
     * Who is told when a hook's advice fails to link (a member it calls is missing from this container release): the
     * runtime, which switches that hook off. By default no one.
     */
    public void onLinkageFailure(BiConsumer<String, LinkageError> listener) {
        linkageFailures = listener;
    }

    /**
     * Writes the periodic summary of findings counted but not logged, and publishes the traffic summary, where due.
     * Call from the agent's thread.
     */
    public void summarize() {
        findings.summarize();
        observations.publish();
    }

    /** What the agent saw of the CORS traffic, for {@code cors-agent suggest}. */
    public TrafficObservations observations() {
        return observations;
    }

    /** Whether the app served a request since the agent started: it is up (its logging set-up included). */
    public boolean servedRequest() {
        return servedRequest;
    }

    public AgentCounters counters() {
        return counters;
    }

    /** Distinct findings since the agent started. */
    public int findings() {
        return findings.distinct();
    }

    /** Every finding reported, repeats included. */
    public long findingOccurrences() {
        return findings.occurrences();
    }

    /** Failures inside the agent since it started. */
    public long errors() {
        return counters.errors();
    }
}
