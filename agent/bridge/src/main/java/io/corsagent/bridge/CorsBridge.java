package io.corsagent.bridge;

import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bridge between the container and the agent's engine: the engine's entry points ({@link #enter}; the commit and
 * settle calls {@link HookProtocol} makes), which make sure that nothing the engine throws ever reaches the
 * container; the start and weaving latches; the thread mark of an entry hook's decision; the request counts of the
 * entry hooks; and the few JDK-only helpers adapters and advice share (which response headers the agent manages,
 * how repeated fields are joined, field bytes). Policy decisions are never made here.
 *
 * <p>This class sits on the bootstrap class path so that advice inlined into any container class, loaded by any
 * class loader, can reach it.
 */
public final class CorsBridge {

    /** The request attribute (or note) under which container hooks keep a request's {@link CorsExchange}. */
    public static final String EXCHANGE_ATTRIBUTE = "io.corsagent.exchange";

    /** The request attribute under which the servlet-level fallback keeps the exchange of a request it decided. */
    public static final String FALLBACK_ATTRIBUTE = "io.corsagent.fallback";

    /** The request attribute the servlet-level fallback sets while it settles a later (ERROR or ASYNC) dispatch. */
    public static final String FALLBACK_SETTLING_ATTRIBUTE = "io.corsagent.fallback.settling";

    /**
     * The empty header set: what a commit hook passes for a response without managed headers (most responses), so
     * that it allocates no array of its own. Shared: never write into it (it has no elements to write).
     */
    public static final String[] NO_HEADERS = new String[0];

    /**
     * How long a request that arrives while the agent is still starting waits for it. Starting takes well under a
     * second; the bound only keeps a request from hanging if the start itself hangs (a policy file on a dead
     * network mount): it then goes on as if the agent were inactive.
     */
    private static final long START_WAIT_SECONDS = 30;

    private static volatile CorsEngine engine;

    /** Open while no start is under way; closed between {@link #startBegins} and {@link #startEnded}. */
    private static volatile CountDownLatch start;

    /** Closed while classes that loaded guarded wait to be woven: see {@link #awaitWoven}. */
    private static volatile CountDownLatch weaving;

    /** The classes woven after they loaded guarded; weakly, so that an undeployed application's classes can go. */
    private static final Map<Class<?>, Boolean> REWOVEN = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The first hook that failed on this thread since the thread's last response was reported ({@link #commit}), for
     * that response's findings: set by {@link #failed}, taken by {@link #commit}. A failure after a response was
     * reported (while its headers are written) is told with the thread's next response.
     */
    private static final ThreadLocal<String> FAILED_HOOK = new ThreadLocal<>();

    /** Whether any hook ever failed: until one does, {@link #commit} does not look at {@link #FAILED_HOOK}. */
    private static volatile boolean anyHookFailed;

    /**
     * See {@link #beginEntry}: an async dispatch on another thread, or a container without such a hook, sees no
     * decision. One per thread, reused, so that marking a request allocates nothing.
     */
    private static final ThreadLocal<EntryMark> ENTRY_MARK = ThreadLocal.withInitial(EntryMark::new);

    /** The requests each entry hook has passed to {@link #enter}, by the id it passes: what the status shows. */
    private static final ConcurrentMap<String, LongAdder> REQUESTS_SEEN = new ConcurrentHashMap<>();

    private CorsBridge() {
    }

    /** Installs (or atomically replaces) the engine; {@code null} makes every hook a no-op. */
    public static void install(CorsEngine newEngine) {
        engine = newEngine;
    }

    /**
     * The agent starts in the background while the application starts (its hooks are already in place): until
     * {@link #startEnded}, a request that reaches a hook waits for the engine instead of passing unchecked.
     */
    public static void startBegins() {
        start = new CountDownLatch(1);
    }

    /** The start is over, with an engine installed or (an invalid policy) without one: requests go on. */
    public static void startEnded() {
        CountDownLatch pending = start;
        start = null;
        if (pending != null) {
            pending.countDown();
        }
    }

    /** A class loaded guarded, to be woven once the agent's weaver is ready: guarded methods wait until then. */
    public static synchronized void weavingDeferred() {
        if (weaving == null) {
            weaving = new CountDownLatch(1);
        }
    }

    /** The classes loaded guarded are woven (those given) or could not be (the others): guarded methods go on. */
    public static synchronized void weavingCompleted(Collection<Class<?>> woven) {
        for (Class<?> type : woven) {
            REWOVEN.put(type, Boolean.TRUE);
        }
        CountDownLatch pending = weaving;
        weaving = null;
        if (pending != null) {
            pending.countDown();
        }
    }

    /**
     * Called first by each method of a class that loaded before the agent could weave it (the runtime's
     * {@code WeavingGuard}): waits until the class is woven, which normally happened long before any request
     * arrives. Bounded like the wait for the start.
     *
     * @return whether the class has been woven since: the guarded method then calls its woven self and returns what
     *         that returns; {@code false}: it runs as it is (its weaving failed, and was logged)
     */
    public static boolean awaitWoven(Class<?> type) {
        CountDownLatch pending = weaving;
        if (pending != null) {
            try {
                pending.await(START_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return REWOVEN.containsKey(type);
    }

    /** The installed engine; while the agent is starting, the one it installs (waited for). */
    private static CorsEngine engine() {
        CorsEngine current = engine;
        if (current != null) {
            return current;
        }
        CountDownLatch pending = start;
        if (pending == null) {
            return null;
        }
        try {
            pending.await(START_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return engine;
    }

    /**
     * The counter of the requests the entry hook of that id passes to {@link #enter}: one per id, shared by every
     * adapter of that hook (one per woven class loader), each of which holds it, so that counting a request costs no
     * lookup.
     */
    static LongAdder requestCounter(String hook) {
        return REQUESTS_SEEN.computeIfAbsent(hook, id -> new LongAdder());
    }

    /**
     * Called once per request, REQUEST dispatch only, at the container's dispatch entry.
     *
     * @param seen           the entry hook's {@link #requestCounter}, counted
     * @param method         the request method, as sent
     * @param origin         every {@code Origin} field value joined with {@code ", "}, or {@code null} when absent
     *                       (several values thereby never parse as one serialized origin)
     * @param requestMethod  the {@code Access-Control-Request-Method} values joined likewise, or {@code null}
     * @param requestHeaders the {@code Access-Control-Request-Headers} values joined likewise, or {@code null}
     * @param scheme         the request's own scheme as the container sees it (forwarded-header set-up honoured)
     * @param host           the request's own host as the container sees it; scheme, host and port serve only to
     *                       tell a same-origin request, so a hook may pass {@code null}, {@code null} and -1 when
     *                       there is no Origin
     * @param port           the request's own port as the container sees it
     * @param path           the path the container serves: decoded and normalised, context path included
     * @return the exchange to keep with the request, or {@code null} when the agent leaves it alone
     */
    static CorsExchange enter(LongAdder seen, String method, String origin, String requestMethod,
                              String requestHeaders, String scheme, String host, int port, String path) {
        seen.increment();
        CorsEngine current = engine();
        if (current == null) {
            return null;
        }
        try {
            return current.enter(method, origin, requestMethod, requestHeaders, scheme, host, port, path);
        } catch (Throwable error) {
            failed("enter", error);
            return null;
        }
    }

    /** The requests the entry hook of that id has seen since the agent's hooks were installed. */
    public static long requestsSeen(String hook) {
        LongAdder seen = REQUESTS_SEEN.get(hook);
        return seen == null ? 0 : seen.sum();
    }

    /**
     * Marks this thread as inside a container-entry hook's method for the rest of that method: a hook whose method
     * runs the request's whole REQUEST dispatch (Jetty's {@code Server#handle}, Tomcat's {@code CoyoteAdapter#service},
     * Undertow's {@code ServletInitialHandler#handleFirstRequest}) passes the request's decision, and the
     * servlet-level advice below it reads {@link #entryDecision()} instead of the request's
     * {@link #EXCHANGE_ATTRIBUTE}, which is a lookup through the request's wrappers (and on Tomcat several maps), once
     * per woven filter, chain and servlet; a hook may then leave the attribute only where the request goes on beyond
     * the mark (Undertow does). A commit of that request's response on this thread within the mark may find the
     * decision by {@link #entryDecision(Object)} (Jetty 12's, whose responses mostly complete inside the mark).
     *
     * @param decision the request's exchange, or {@code Boolean.FALSE} when the hook leaves the request alone
     * @param response the container's response the entry passed, by which its commit asks
     * @return the decision this mark replaces, for {@link #endEntry} when the method returns
     */
    static Object beginEntry(Object decision, Object response) {
        EntryMark mark = ENTRY_MARK.get();
        Object outer = mark.decision;
        mark.decision = decision;
        mark.response = response;
        return outer;
    }

    /**
     * Ends the mark of {@link #beginEntry}, whether the method returns or throws. Passing {@code null} (a hook that
     * never marked) is always safe: the advice below then looks the attribute up. An outer mark a nested entry
     * replaced comes back without its response: the outer response's commit then reads the request attribute.
     */
    public static void endEntry(Object outer) {
        EntryMark mark = ENTRY_MARK.get();
        mark.decision = outer;
        mark.response = null;
    }

    /** The decision of the entry hook whose method is running on this thread, or {@code null} outside one. */
    public static Object entryDecision() {
        return ENTRY_MARK.get().decision;
    }

    /**
     * The decision of the entry hook whose method is running on this thread, if that entry passed this response;
     * {@code null} otherwise: outside an entry, and where this thread commits another request's response (an app
     * that completes other requests' async responses from its own request).
     */
    public static Object entryDecision(Object response) {
        EntryMark mark = ENTRY_MARK.get();
        return response != null && mark.response == response ? mark.decision : null;
    }

    /** A thread's entry mark: the decision of the request whose entry method runs on it, and that request's response. */
    private static final class EntryMark {
        Object decision;
        Object response;
    }

    /** Forwards to {@link CorsExchange#commitHeaders}; on failure the response keeps its headers. */
    public static String[] commit(CorsExchange exchange, int status, String[] appHeaders) {
        return commit(exchange, status, appHeaders, null);
    }

    /**
     * {@link #commit} for a response the servlet-level fallback finds committed already (the app flushed it): its
     * headers went out as the app set them, and the findings about it say so ({@link CorsExchange#unsettled}).
     */
    public static String[] commitUnsettled(CorsExchange exchange, int status, String[] appHeaders) {
        return commit(exchange, status, appHeaders,
                "the app committed this response before the servlet-level fallback could settle its headers");
    }

    /** @param unsettled why the hook could not settle the response's headers, or {@code null} */
    private static String[] commit(CorsExchange exchange, int status, String[] appHeaders, String unsettled) {
        if (exchange == null) {
            return null;
        }
        try {
            // A hook that failed on this thread since its last response comes first: it is why the agent fell short.
            String reason = unsettled;
            String failedHook = anyHookFailed ? FAILED_HOOK.get() : null;
            if (failedHook != null) {
                FAILED_HOOK.remove();
                reason = "the agent's hook '" + failedHook + "' failed on this request (its error is logged)";
            }
            if (reason != null) {
                exchange.unsettled(reason);
            }
            return exchange.commitHeaders(status, appHeaders == null ? NO_HEADERS : appHeaders);
        } catch (Throwable error) {
            failed("commit", error);
            return null;
        }
    }

    /** Forwards to {@link CorsExchange#settleHeaders}; on failure the response keeps its headers. */
    public static String[] settle(CorsExchange exchange, String[] appHeaders) {
        if (exchange == null) {
            return null;
        }
        try {
            return exchange.settleHeaders(appHeaders == null ? NO_HEADERS : appHeaders);
        } catch (Throwable error) {
            failed("settle", error);
            return null;
        }
    }

    /**
     * Records a failure caught by a hook's own advice, and keeps its hook's name for the findings about the
     * response this thread reports next ({@link CorsExchange#unsettled}). Never throws.
     */
    public static void failed(String hook, Throwable error) {
        CorsEngine current = engine;
        try {
            anyHookFailed = true;
            if (FAILED_HOOK.get() == null) {
                FAILED_HOOK.set(hook);
            }
            if (current != null) {
                current.failed(hook, error);
            }
        } catch (Throwable ignored) {
            // The failure report itself failed: there is nowhere left to report it, and the request must go on.
        }
    }

    /**
     * Adds one field line's value to the values of the same header seen so far, as HTTP joins repeated fields
     * (RFC 9110 section 5.3). Hooks that walk a request's fields once use it for {@code Origin} and the
     * {@code Access-Control-Request-*} headers, which {@link #enter} takes joined.
     *
     * @param joined the values so far, or {@code null} for none
     */
    public static String joinFieldValue(String joined, String value) {
        return joined == null ? value : joined + ", " + value;
    }

    /** @return every value of a header joined by {@link #joinFieldValue}, or {@code null} when there is none */
    public static String joinFieldValues(Enumeration<String> values) {
        String joined = null;
        while (values != null && values.hasMoreElements()) {
            joined = joinFieldValue(joined, values.nextElement());
        }
        return joined;
    }

    /**
     * @param values a random-access list (Undertow's {@code HeaderValues}): read by index, no iterator allocated
     * @return every value of a header joined by {@link #joinFieldValue}, or {@code null} when there is none
     */
    public static String joinFieldValues(List<String> values) {
        String joined = null;
        for (int i = 0, n = values == null ? 0 : values.size(); i < n; i++) {
            joined = joinFieldValue(joined, values.get(i));
        }
        return joined;
    }

    /**
     * The headers the agent owns on a response it covers: every {@code Access-Control-*} header and
     * {@code Vary}. Case-insensitive, allocation-free.
     */
    public static boolean isManagedHeader(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        // The commit hooks ask this of every field of every response, some fields several times: the first letter
        // turns nearly all away, and the usual spelling matches exactly, before a case-insensitive comparison,
        // which is several times slower (and whose JIT profile the container's own code shares).
        char first = name.charAt(0);
        if (first == 'v' || first == 'V') {
            return name.equals("Vary") || name.equalsIgnoreCase("vary");
        }
        return (first == 'a' || first == 'A') && (name.startsWith("Access-Control-")
                || name.regionMatches(true, 0, "access-control-", 0, "access-control-".length()));
    }

    /**
     * A header field's name or value as the bytes a container writes: ISO-8859-1, every control character but TAB
     * as a space (so a value taken from the app, such as its {@code Vary} tokens, cannot split the header block)
     * and any other character as {@code '?'}. Tomcat writes a field it holds as a String through a new charset
     * encoder per field (with a {@code CharBuffer} and a {@code ByteBuffer}); a field it is given as bytes goes out
     * as it is.
     */
    public static byte[] fieldBytes(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            bytes[i] = (byte) (c > 0xFF ? '?' : (c < ' ' && c != '\t') || c == 0x7F ? ' ' : c);
        }
        return bytes;
    }

    /**
     * Where a header name first occurs in a list of name/value pairs (as {@link CorsExchange#commitHeaders} takes
     * and returns them), case-insensitive and allocation-free.
     *
     * @param end the index at which the search stops (exclusive); the pairs from 0 up to it are searched
     * @return the index of the first pair before {@code end} with that name, or -1 when there is none
     */
    public static int indexOfName(String[] pairs, String name, int end) {
        for (int i = 0; i + 1 < end && i + 1 < pairs.length; i += 2) {
            if (pairs[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The exchange whose filter chain the servlet-level audit observes, by what decided the request, in the order
     * that answers: the thread's entry mark ({@link #entryDecision()}), else a container-entry hook's request attribute
     * ({@link #EXCHANGE_ATTRIBUTE}), else the fallback's ({@link #FALLBACK_ATTRIBUTE}). The advice reads the two
     * attributes only without a mark: with a container-entry hook, the mark answers every filter of the REQUEST
     * dispatch.
     *
     * @return that exchange, or {@code null} when the request has none or it does not observe the chain
     */
    public static CorsExchange chainExchange(Object mark, Object exchangeAttribute, Object fallbackAttribute) {
        Object decision = mark != null ? mark : exchangeAttribute != null ? exchangeAttribute : fallbackAttribute;
        return decision instanceof CorsExchange && ((CorsExchange) decision).observesChain()
                ? (CorsExchange) decision : null;
    }

    /** Forwards to {@link CorsExchange#filterEntered}; never throws. */
    public static void filterEntered(CorsExchange exchange, Object filter, Object chain, Object servletContext) {
        try {
            exchange.filterEntered(filter, chain, servletContext);
        } catch (Throwable error) {
            failed("filter.entry", error);
        }
    }

    /** Forwards to {@link CorsExchange#filterExited}; never throws. */
    public static void filterExited(CorsExchange exchange, int status, String location) {
        try {
            exchange.filterExited(status, location);
        } catch (Throwable error) {
            failed("filter.exit", error);
        }
    }

    /** Forwards to {@link CorsExchange#chainCalled}; never throws. */
    public static void chainCalled(CorsExchange exchange) {
        try {
            exchange.chainCalled();
        } catch (Throwable error) {
            failed("filter.chain", error);
        }
    }
}
