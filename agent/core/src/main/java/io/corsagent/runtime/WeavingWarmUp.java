package io.corsagent.runtime;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.corsagent.hooks.HookPoint;

import net.bytebuddy.asm.Advice;

/**
 * The class {@link Weaver#prepare} weaves, the result dropped, so that Byte Buddy's first weave runs on the preparing
 * thread. Its advice uses what the hooks' advice does (skipping the method, the instance, arguments, fields, locals,
 * the return value, exits on exceptions), so that the code behind each of these is loaded by then too.
 */
final class WeavingWarmUp {

    static final HookPoint POINT = HookPoint.inClass(WeavingWarmUp.class.getName(), "answer", any(),
            "io.corsagent.runtime.WeavingWarmUp$WarmUpAdvice");

    private Object state;

    private WeavingWarmUp() {
    }

    boolean answer(Object argument) {
        return argument == state;
    }

    static final class WarmUpAdvice {

        private WarmUpAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static boolean enter(@Advice.This Object self, @Advice.Argument(0) Object argument,
                             @Advice.FieldValue("state") Object state, @Advice.Local("seen") Object seen) {
            seen = argument;
            return self == state;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter boolean skipped, @Advice.Local("seen") Object seen,
                         @Advice.Return(readOnly = false) boolean answer) {
            if (skipped) {
                answer = seen != null;
            }
        }
    }
}
