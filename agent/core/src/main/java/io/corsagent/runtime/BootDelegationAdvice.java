package io.corsagent.runtime;

import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code loadClass} of the class loaders that answer only from their own modules or bundles
 * (see {@link LoaderBridging}): a class of the agent's bridge comes from the bootstrap class path, where the agent put
 * it, so that container classes those loaders define can link the advice woven into them. Any other name costs one
 * {@code startsWith}. It may call nothing but the JDK: it is what makes the bridge reachable.
 */
final class BootDelegationAdvice {

    private BootDelegationAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static Class<?> enter(@Advice.Argument(0) String name) throws ClassNotFoundException {
        return name != null && name.startsWith("io.corsagent.bridge.") ? Class.forName(name, false, null) : null;
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Class<?> bridge, @Advice.Return(readOnly = false) Class<?> loaded) {
        if (bridge != null) {
            loaded = bridge;
        }
    }
}
