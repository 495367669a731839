package io.corsagent.runtime;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import io.corsagent.bridge.CorsBridge;

/**
 * Whether a class loader resolves the agent's bridge to the one class the agent installs. Advice woven into a class of
 * a loader that does not would fail to link on its first request, and being suppressed, would fail silently: such a
 * class is not woven at all, and the agent says why.
 *
 * <p>Asked only of the loaders of classes about to be woven; a loader that sees the bridge is remembered (weakly), one
 * that does not is asked again next time, since weaving its own {@code loadClass} ({@link LoaderBridging}) may be
 * what it was waiting for.
 */
final class BridgeVisibility {

    private final Map<ClassLoader, Boolean> seeing = Collections.synchronizedMap(new WeakHashMap<>());

    boolean reaches(ClassLoader loader) {
        if (seeing.containsKey(loader)) {
            return true;
        }
        boolean sees;
        try {
            sees = Class.forName(CorsBridge.class.getName(), false, loader) == CorsBridge.class;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            sees = false;
        }
        if (sees) {
            seeing.put(loader, Boolean.TRUE);
        }
        return sees;
    }
}
