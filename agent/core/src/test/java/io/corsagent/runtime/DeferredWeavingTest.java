package io.corsagent.runtime;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.corsagent.hooks.HookPoint;
import io.corsagent.runtime.fixtures.ExclaimAdvice;
import io.corsagent.runtime.fixtures.Greeter;

import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * A class that loads while the weaver is being set up: the JVM defines it guarded, the agent retransforms it once the
 * weaver is ready, and a call that reached it meanwhile waits, then runs the woven method. With this JVM's own
 * instrumentation, as at premain.
 */
class DeferredWeavingTest {

    private static final HookPoint GREETER = HookPoint.inClass(Greeter.class.getName(), "greet", any(),
            ExclaimAdvice.class.getName());

    private static Instrumentation instrumentation;

    private final ClassLoader agentLoader = new ClassLoader(null) {
    };
    private final ClassLoader appLoader = DeferredWeavingTest.class.getClassLoader();

    @BeforeAll
    static void installAgent() {
        instrumentation = ByteBuddyAgent.install();
    }

    @BeforeEach
    void forgetEarlierLog() {
        CapturedLog.take();
    }

    @Test
    void aCallThatReachesAGuardedMethodWaitsForTheWeavingThenRunsTheWovenMethod() throws Exception {
        DeferredWeaving deferred = new DeferredWeaving(instrumentation, Runnable::run);
        HookTransformer transformer = new HookTransformer(new HookTargets(List.of(GREETER), agentLoader),
                TestHooks.ledgerOf(GREETER), List.of(appLoader), WovenClassCache.NONE, deferred, instrumentation,
                Runnable::run);
        instrumentation.addTransformer(transformer, true);
        try {
            Object greeter = newGreeter();
            Method greet = greeter.getClass().getMethod("greet", String.class);
            FutureTask<Object> call = new FutureTask<>(() -> greet.invoke(greeter, "you"));
            Thread caller = new Thread(call, "caller");
            caller.start();
            awaitWaiting(caller);
            assertFalse(call.isDone(), "the call waits for the weaving");

            deferred.weaverReady();

            assertEquals("hello you!", call.get(10, TimeUnit.SECONDS), "woven: the advice appends !");
            assertEquals("hello me!", greet.invoke(greeter, "me"));
            assertEquals(List.of(
                    "DEBUG " + Greeter.class.getName() + " loaded before the weaver was ready: guarded until it is woven",
                    "DEBUG instrumented " + Greeter.class.getName()), CapturedLog.take());
        } finally {
            instrumentation.removeTransformer(transformer);
        }
    }

    @Test
    void aClassThatLoadsOnceTheWeaverIsReadyIsWovenAtOnce() throws Exception {
        DeferredWeaving deferred = new DeferredWeaving(instrumentation, Runnable::run);
        deferred.weaverReady();
        HookTransformer transformer = new HookTransformer(new HookTargets(List.of(GREETER), agentLoader),
                TestHooks.ledgerOf(GREETER), List.of(appLoader), WovenClassCache.NONE, deferred, instrumentation,
                Runnable::run);
        instrumentation.addTransformer(transformer, true);
        try {
            Object greeter = newGreeter();
            assertEquals("hello you!", greeter.getClass().getMethod("greet", String.class).invoke(greeter, "you"));
            assertEquals(List.of("DEBUG instrumented " + Greeter.class.getName()), CapturedLog.take());
        } finally {
            instrumentation.removeTransformer(transformer);
        }
    }

    /** A Greeter of a loader of its own, defined by the JVM with the registered transformers applied. */
    private static Object newGreeter() throws Exception {
        return TransformingLoader.asCompiled(Greeter.class).loadClass(Greeter.class.getName()).getConstructor().newInstance();
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the caller never waited: " + thread.getState());
            }
            Thread.sleep(10);
        }
    }
}
