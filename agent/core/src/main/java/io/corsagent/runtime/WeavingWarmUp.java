package io.corsagent.runtime;

import static net.bytebuddy.matcher.ElementMatchers.any;

import java.io.Serializable;

import io.corsagent.hooks.HookPoint;

import net.bytebuddy.asm.Advice;

/**
 * The class {@link Weaver#prepare} weaves, the result dropped, so that Byte Buddy's first weave runs on the preparing
 * thread. Its advice uses what the hooks' advice does (skipping the method, the instance, arguments, fields, locals,
 * the return value, exits on exceptions), so that the code behind each of these is loaded by then too. So does the
 * class: a generic method (the container's signatures have type variables) and a field the advice reads as a super
 * type of the field's own (as a hook reads a container's {@code ChannelRequest} as a {@code Request}), which has
 * Byte Buddy walk the field type's super types.
 */
@SuppressWarnings("serial") // Serializable only as the super type the advice reads its field as; never serialised
final class WeavingWarmUp implements Serializable {

    static final HookPoint POINT = HookPoint.inClass(WeavingWarmUp.class.getName(), "answer", any(),
            "io.corsagent.runtime.WeavingWarmUp$WarmUpAdvice");

    private WeavingWarmUp state;

    private WeavingWarmUp() {
    }

    <T> boolean answer(T argument) {
        return argument == state;
    }

    static final class WarmUpAdvice {

        private WarmUpAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static boolean enter(@Advice.This Object self, @Advice.Argument(0) Object argument,
                             @Advice.FieldValue("state") Serializable state, @Advice.Local("seen") Object seen) {
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
