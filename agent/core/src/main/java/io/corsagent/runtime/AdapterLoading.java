package io.corsagent.runtime;

import java.util.HashMap;
import java.util.Map;

import io.corsagent.bridge.ContainerAdapter;
import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.HookAdapters;
import io.corsagent.hooks.ContainerHook;

/**
 * Makes the hooks' {@link ContainerAdapter}s for {@link HookAdapters}: each in an {@link AdapterClassLoader} next to
 * the class it serves, so it links against that class's container. An adapter that cannot be made (a container type
 * it names is missing) is reported as a failure to link of its hook, which switches the hook off.
 */
final class AdapterLoading implements HookAdapters.Factory {

    /** Each adapter class, with the hook whose advice uses it. */
    private final Map<String, ContainerHook> hookOf = new HashMap<>();

    /** Installs the factory for these hooks; before any class is woven. */
    static void install(Iterable<ContainerHook> hooks) {
        AdapterLoading loading = new AdapterLoading();
        for (ContainerHook hook : hooks) {
            if (hook.adapterClass() != null) {
                loading.hookOf.put(hook.adapterClass(), hook);
            }
        }
        HookAdapters.install(loading);
    }

    @Override
    public ContainerAdapter<?, ?> create(String adapterClass, Class<?> woven) {
        ContainerHook hook = hookOf.get(adapterClass);
        if (hook == null) {
            CorsBridge.failed(adapterClass, new IllegalStateException("no hook declares the adapter " + adapterClass));
            return null;
        }
        try {
            ClassLoader loader = new AdapterClassLoader(woven.getClassLoader(), hook.getClass().getClassLoader());
            return (ContainerAdapter<?, ?>) Class.forName(adapterClass, true, loader).getConstructor().newInstance();
        } catch (LinkageError error) {
            CorsBridge.failed(hook.name() + ".adapter", error);
        } catch (Exception error) {
            LinkageError cannotLink = new NoClassDefFoundError("cannot make " + adapterClass + " for "
                    + woven.getName() + ": " + error);
            cannotLink.initCause(error);
            CorsBridge.failed(hook.name() + ".adapter", cannotLink);
        }
        return null;
    }
}
