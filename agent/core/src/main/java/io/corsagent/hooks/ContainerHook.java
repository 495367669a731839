package io.corsagent.hooks;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The instrumentation of one container family (or of the servlet API, for the fallback).
 *
 * <p>Implementations live in the {@code hooks-*} modules and are found with {@link java.util.ServiceLoader}.
 * They may only use Advice ({@code AgentBuilder.Transformer.ForAdvice}), never change a class's format, so
 * that attaching to a running JVM can apply them to classes that are already loaded. Their advice may call
 * nothing but the JDK, the hooked class's own types and {@code io.corsagent.bridge}.
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

    /** Adds this hook's type matchers and advice to the agent builder. */
    AgentBuilder instrument(AgentBuilder builder);

    /**
     * Inlines the advice class of that name into the matching methods. The advice is resolved by name from this
     * hook's own class loader and never loaded, so it may refer to the container's types.
     */
    default AgentBuilder.Transformer advice(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
        return new AgentBuilder.Transformer.ForAdvice()
                .include(getClass().getClassLoader())
                .advice(methods, adviceClass);
    }
}
