/**
 * The switches the test suite and the benchmarks turn on, and nothing else: each is a system property named
 * {@code cors-agent.test.*} (or {@code cors-agent.timeline}), read once, off unless set ({@link TestSwitches}). The
 * ones that change what the agent does say so with a warning whenever they are set, so that one left in
 * {@code JAVA_OPTS} does not go unnoticed in production.
 */
package io.corsagent.testing;
