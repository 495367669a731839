package io.corsagent.bridge;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Objects of a container's own types that every copy of a hook's adapter must share, made once by whichever copy asks
 * first.
 *
 * <p>Why: an adapter is loaded next to each class it serves ({@link HookAdapters}), so a hook whose points are in
 * classes of different class loaders runs as many copies of its adapter, each with static fields of its own. On
 * WildFly, Undertow's entry ({@code ServletInitialHandler}, module undertow-servlet) and commit
 * ({@code HttpServerExchange}, module undertow-core) are such classes: an {@code AttachmentKey} in a static field of
 * the adapter would be two keys, and the commit would never find what the entry attached. A container's own loaders
 * cannot hold the object for the agent either (the agent adds no class or field to them). So it lives here, on the
 * bootstrap class path that every copy sees.
 *
 * <p>The objects are kept per container class (a {@link ClassValue}), which each copy names as it resolves it: the
 * copies of one container resolve it to the same class and meet; two containers of separate class loaders (two
 * embedded servers) each get their own objects, of their own classes; and a container's objects go with its classes
 * when its loader is discarded.
 */
public final class ContainerConstants {

    private static final ClassValue<ConcurrentMap<String, Object>> BY_CONTAINER_CLASS =
            new ClassValue<ConcurrentMap<String, Object>>() {
                @Override
                protected ConcurrentMap<String, Object> computeValue(Class<?> containerClass) {
                    return new ConcurrentHashMap<>();
                }
            };

    private ContainerConstants() {
    }

    /**
     * The object of that name for that container class, made by {@code create} if no copy has asked yet. A copy asks
     * once, when it is made, and keeps the answer in a field: this is no per-request lookup.
     *
     * @param containerClass a class of the container that every copy resolves to the same class: the object's own
     *                       type is the natural choice, so that the unchecked cast to it holds by construction
     * @param name           what the object is, among the container's shared objects
     * @param create         makes the object; called at most once per container class and name. It should make an
     *                       object of the container's classes only: one of the adapter's would keep the copy that made
     *                       it, and that copy's loader, for as long as the container lives
     */
    @SuppressWarnings("unchecked")
    public static <T> T of(Class<?> containerClass, String name, Supplier<? extends T> create) {
        return (T) BY_CONTAINER_CLASS.get(containerClass).computeIfAbsent(name, absent -> create.get());
    }
}
