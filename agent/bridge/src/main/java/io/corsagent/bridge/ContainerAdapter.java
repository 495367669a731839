package io.corsagent.bridge;

import java.util.concurrent.atomic.LongAdder;

/**
 * One container's side of the {@link HookProtocol}: how to read a request's facts, where to keep its exchange between
 * the entry and the commit, and how to read and edit a response's header fields, each in that container's own types.
 * What to read, when to answer and what to settle is the protocol's; an adapter only translates.
 *
 * <p>An adapter is loaded next to the container, in a class loader of the agent whose parent is the loader of the
 * class it serves ({@link HookAdapters}): it may call the container's public members, the JDK and this package, and
 * nothing else. Advice finds it with {@link HookAdapters#get} and hands it the container objects it has at hand. An
 * adapter holds no state of its own: one instance serves every request of its container.
 *
 * @param <Q> what the advice passes for the request
 * @param <R> what the advice passes for the response
 */
public abstract class ContainerAdapter<Q, R> {

    private final String hook;
    private final LongAdder requestsSeen;

    /**
     * @param hook    the name of the hook the adapter serves, under which its failures are reported (a failure to link
     *                switches that hook off)
     * @param entryId the id under which its entry counts requests ({@code ContainerHook#entryId})
     */
    protected ContainerAdapter(String hook, String entryId) {
        this.hook = hook;
        this.requestsSeen = CorsBridge.requestCounter(entryId);
    }

    /** The hook's name, for failure reports: {@code <hook>.entry}, {@code <hook>.commit}. */
    public final String hook() {
        return hook;
    }

    /** The requests its entry decided ({@link CorsBridge#requestCounter}). */
    final LongAdder requestsSeen() {
        return requestsSeen;
    }

    /** The request method, as sent. */
    protected abstract String method(Q request);

    /**
     * The path the container serves: decoded and normalised, context path included; {@code null} when the container
     * cannot make it canonical (it refuses the request itself, and the agent leaves it alone).
     */
    protected abstract String path(Q request);

    /** Every value of that request header, joined with {@link CorsBridge#joinFieldValue}; {@code null} when absent. */
    protected abstract String requestField(Q request, String name);

    /**
     * Whether the request has a field of that name, without reading its value: a container that converts a field's
     * value in place when it is first read as a string overrides this so that the field stays as the container left
     * it (its own code, such as an authenticator, reads it next).
     */
    protected boolean hasRequestField(Q request, String name) {
        return requestField(request, name) != null;
    }

    /** The request's own scheme, as the container sees it (its forwarded-header set-up honoured). */
    protected abstract String scheme(Q request);

    /** The request's own host, as the container sees it. */
    protected abstract String host(Q request);

    /** The request's own port, as the container sees it. */
    protected abstract int port(Q request);

    /**
     * Keeps the request's decision where {@link #kept} finds it at commit. Wherever the servlet-level fallback can meet
     * the request without the thread's mark, it must also find the decision as the request attribute
     * {@link CorsBridge#EXCHANGE_ATTRIBUTE}, its sign of a request a container hook took: most adapters keep it there
     * for both; a hook whose mark covers the whole REQUEST dispatch may instead leave the attribute from its advice
     * only where the request goes on beyond the mark (Undertow's).
     *
     * @param decision the request's {@link CorsExchange}, or {@code Boolean.FALSE} when the agent leaves it alone
     */
    protected abstract void keep(Q request, R response, Object decision);

    /**
     * Whether the hook's advice scopes the thread's mark ({@link CorsBridge#beginEntry}) to the method that runs the
     * request's REQUEST dispatch, ending it with {@link CorsBridge#endEntry} when that method returns. A hook whose
     * entry cannot (an exit advice on a method that returns before the dispatch runs) overrides this to false: its
     * requests are known by their attribute alone, and no mark outlives them on the thread.
     */
    protected boolean marksThread() {
        return true;
    }

    /**
     * The decision {@link #keep} kept for the response the container is about to commit; {@code null} when there is
     * none, or when this call is not that commit (the response is committed already, or merely inspected).
     */
    protected abstract Object kept(R response);

    protected abstract boolean isCommitted(R response);

    protected abstract int status(R response);

    protected abstract void setStatus(R response, int status);

    /**
     * Hands each header field of the response to {@code fields}: the name first ({@link ResponseFields#wants}), and
     * the value only for a name it wants, so that values nobody reads are not made into strings.
     */
    protected abstract void readFields(R response, ResponseFields fields);

    /** Removes every field of that name (case-insensitive) from the response. */
    protected abstract void removeField(R response, String name);

    /** Adds a field to the response, whatever it holds under that name. */
    protected abstract void addField(R response, String name, String value);

    /**
     * The agent answered the request itself (its status and headers are on the response): finish it as the
     * container finishes a response it answers early (its access log, its completion). Nothing by default.
     */
    protected void answered(Q request, R response) {
    }

    /**
     * Replaces the managed fields the response holds with the settled ones. By default every field of each name
     * present is removed and the settled fields are added; a container that cannot remove a field overrides it.
     *
     * @param present the managed fields the response holds, name/value pairs as {@link ResponseFields} read them
     * @param settled the complete managed set the response must carry, name/value pairs
     */
    protected void replaceFields(R response, String[] present, String[] settled) {
        for (int i = 0; i < present.length; i += 2) {
            if (CorsBridge.indexOfName(present, present[i], i) < 0) {
                removeField(response, present[i]);
            }
        }
        for (int i = 0; i + 1 < settled.length; i += 2) {
            addField(response, settled[i], settled[i + 1]);
        }
    }
}
