package io.corsagent.bridge;

import java.util.Arrays;

/**
 * Where advice finds its {@link ContainerAdapter}: one instance per adapter class and woven class, made on first use
 * by the agent's runtime next to the woven class's class loader (the {@link Factory}), and kept with the woven class
 * (a {@link ClassValue}), so that an undeployed application's classes take their adapters with them.
 *
 * <p>Advice calls {@link #get} twice or more per request, so the lookup goes straight from the woven class to its
 * few adapters and matches the adapter's name by identity (advice passes a string constant, which the JVM interns):
 * no hashing, no map walk on the request's path.
 */
public final class HookAdapters {

    /** Makes adapters: the agent's runtime, which knows where their class files are. */
    public interface Factory {

        /**
         * @param adapterClass the adapter's binary name
         * @param woven        the woven class the adapter serves: the adapter's class loader delegates to its loader
         * @return the adapter, or {@code null} when it cannot be made (the factory reports why, once)
         */
        ContainerAdapter<?, ?> create(String adapterClass, Class<?> woven);
    }

    private static volatile Factory factory;

    private static final ClassValue<AdaptersOfClass> BY_WOVEN_CLASS = new ClassValue<AdaptersOfClass>() {
        @Override
        protected AdaptersOfClass computeValue(Class<?> woven) {
            return new AdaptersOfClass(woven);
        }
    };

    private HookAdapters() {
    }

    /** Installs the runtime's factory: before any class is woven. */
    public static void install(Factory newFactory) {
        factory = newFactory;
    }

    /**
     * The adapter of that class for the woven class, which the advice passes as {@code @Advice.Origin Class<?>}.
     *
     * @return the adapter, or {@code null} when it cannot be made: the protocol then leaves the request alone
     */
    @SuppressWarnings("unchecked")
    public static <Q, R> ContainerAdapter<Q, R> get(String adapterClass, Class<?> woven) {
        return (ContainerAdapter<Q, R>) BY_WOVEN_CLASS.get(woven).get(adapterClass);
    }

    /** The adapters of one woven class (one or two: a class serves one hook, rarely a hook and the fallback). */
    private static final class AdaptersOfClass {

        private final Class<?> woven;
        /** Copied on write: adapter names at even indexes, each followed by its adapter (or null: none). */
        private volatile Object[] adapters = new Object[0];

        AdaptersOfClass(Class<?> woven) {
            this.woven = woven;
        }

        ContainerAdapter<?, ?> get(String adapterClass) {
            Object[] known = adapters;
            for (int i = 0; i < known.length; i += 2) {
                if (known[i] == adapterClass) {
                    return (ContainerAdapter<?, ?>) known[i + 1];
                }
            }
            return make(adapterClass);
        }

        /**
         * Once per adapter class, under the lock; a name passed as another instance of the same string is matched
         * by value here. A failure is kept as {@code null}, so it is neither retried nor told twice.
         */
        private synchronized ContainerAdapter<?, ?> make(String adapterClass) {
            Object[] known = adapters;
            for (int i = 0; i < known.length; i += 2) {
                if (known[i].equals(adapterClass)) {
                    return (ContainerAdapter<?, ?>) known[i + 1];
                }
            }
            Factory current = factory;
            ContainerAdapter<?, ?> adapter = current == null ? null : current.create(adapterClass, woven);
            Object[] grown = Arrays.copyOf(known, known.length + 2);
            grown[known.length] = adapterClass;
            grown[known.length + 1] = adapter;
            adapters = grown;
            return adapter;
        }
    }
}
