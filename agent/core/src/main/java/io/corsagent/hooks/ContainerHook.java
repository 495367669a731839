package io.corsagent.hooks;

import java.util.List;

/**
 * The instrumentation of one container family (or of the servlet API, for the fallback).
 *
 * <p>Implementations live in the {@code hooks-*} modules and are found with {@link java.util.ServiceLoader}.
 * They describe where they inline their advice ({@link HookPoint}s); the agent's runtime does the weaving, Advice
 * only, never changing a class's format, so that attaching to a running JVM can apply them to classes that are
 * already loaded. Their advice and their adapter ({@link #adapterClass}) may call nothing but the JDK, the hooked
 * class's own types and {@code io.corsagent.bridge}: the advice hands the container's objects to the adapter through
 * {@code io.corsagent.bridge.HookProtocol}, which holds what every hook does with a request.
 */
public interface ContainerHook {

    /**
     * A short stable name, e.g. {@code tomcat}, listed in the start-up log's "hooks installed" line and in the
     * {@code hooks} field of the status. The {@code hooks} agent option selects by kind ({@code all|servlet}, see
     * {@link #isContainerEntry()}), never by this name.
     */
    String name();

    /** Whether this hook answers at the container's entry (before its security), or is the servlet-level fallback. */
    default boolean isContainerEntry() {
        return true;
    }

    /**
     * The id under which this hook's adapter ({@code ContainerAdapter}, given the same id) counts the requests its
     * entry decides, for the status: its {@link #name()} unless the adapter cannot spell that as a constant;
     * {@code null} for a hook that decides no request (it then never counts as guarding anything).
     */
    default String entryId() {
        return name();
    }

    /**
     * The binary name of the {@code io.corsagent.bridge.ContainerAdapter} this hook's advice finds with
     * {@code HookAdapters.get}, which the agent loads next to each class it serves; {@code null} for a hook whose
     * advice needs none.
     */
    default String adapterClass() {
        return null;
    }

    /**
     * Where this hook's advice goes, its entry first: the hook guards requests once a point with the first point's
     * advice is woven (a commit alone decides nothing). Where several points (of this hook or of others) match one
     * method, the advice of the point first in order (the hooks in the order they are found, then each hook's list)
     * is outermost: its enter advice runs first and its exit advice last.
     */
    List<HookPoint> points();
}
