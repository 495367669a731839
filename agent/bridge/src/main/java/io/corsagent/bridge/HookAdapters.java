package io.corsagent.bridge;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Where advice finds its {@link ContainerAdapter}: one instance per adapter class and woven class, made on first use
 * by the agent's runtime next to the woven class's class loader (the {@link Factory}), and kept with the woven class
 * (a {@link ClassValue}), so that an undeployed application's classes take their adapters with them.
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

    private static final ConcurrentMap<String, ClassValue<ContainerAdapter<?, ?>>> BY_ADAPTER =
            new ConcurrentHashMap<>();

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
        ClassValue<ContainerAdapter<?, ?>> adapters = BY_ADAPTER.get(adapterClass);
        if (adapters == null) {
            adapters = BY_ADAPTER.computeIfAbsent(adapterClass, AdaptersOfClass::new);
        }
        return (ContainerAdapter<Q, R>) adapters.get(woven);
    }

    private static final class AdaptersOfClass extends ClassValue<ContainerAdapter<?, ?>> {

        private final String adapterClass;

        AdaptersOfClass(String adapterClass) {
            this.adapterClass = adapterClass;
        }

        /** Once per woven class: a failure is cached as {@code null}, so it is neither retried nor told twice. */
        @Override
        protected ContainerAdapter<?, ?> computeValue(Class<?> woven) {
            Factory current = factory;
            return current == null ? null : current.create(adapterClass, woven);
        }
    }
}
