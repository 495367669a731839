package io.corsagent.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.corsagent.runtime.TransformingLoader;

import org.junit.jupiter.api.Test;

/**
 * The copies of an adapter that one container's class loaders make meet on one object, made once; two containers of
 * separate class loaders do not.
 */
class ContainerConstantsTest {

    /** A class of the container, which every copy of its adapter resolves to the same class. */
    public static final class ContainerType {
    }

    /** What a copy of an adapter does when it is made: asks for the container's key. */
    public static final class AdapterCopy implements Supplier<Object> {
        @Override
        public Object get() {
            return ContainerConstants.of(ContainerType.class, "key", Object::new);
        }
    }

    public static final class RacedContainerType {
    }

    public static final class NamingContainerType {
    }

    @Test
    void everyCopyOfAnAdapterGetsTheObjectTheFirstCopyMade() throws Exception {
        Class<?> entryCopy = copyOf(AdapterCopy.class);
        Class<?> commitCopy = copyOf(AdapterCopy.class);
        assertNotSame(entryCopy, commitCopy);

        Object key = ask(entryCopy);
        assertNotNull(key);
        assertSame(key, ask(commitCopy), "the commit's copy got a key of its own");
        assertSame(key, ask(entryCopy));
    }

    @Test
    void copiesAskingAtOnceGetOneObjectMadeOnce() throws Exception {
        int copies = 8;
        AtomicInteger made = new AtomicInteger();
        CyclicBarrier together = new CyclicBarrier(copies);
        ExecutorService threads = Executors.newFixedThreadPool(copies);
        try {
            List<Future<Object>> asked = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                asked.add(threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return ContainerConstants.of(RacedContainerType.class, "key", () -> {
                        made.incrementAndGet();
                        return new Object();
                    });
                }));
            }
            Object first = asked.get(0).get(10, TimeUnit.SECONDS);
            for (Future<Object> answer : asked) {
                assertSame(first, answer.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, made.get(), "the object was made more than once");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void twoContainersOfSeparateLoadersGetAnObjectEach() throws Exception {
        Class<?> one = copyOf(ContainerType.class);
        Class<?> other = copyOf(ContainerType.class);

        Object ofOne = ContainerConstants.of(one, "key", Object::new);
        assertSame(ofOne, ContainerConstants.of(one, "key", Object::new));
        assertNotSame(ofOne, ContainerConstants.of(other, "key", Object::new),
                "a container got the object of another of the same class name");
    }

    @Test
    void eachNameIsAnObjectOfItsOwn() {
        Object first = ContainerConstants.of(NamingContainerType.class, "first", Object::new);
        assertNotSame(first, ContainerConstants.of(NamingContainerType.class, "second", Object::new));
        assertSame(first, ContainerConstants.of(NamingContainerType.class, "first", Object::new));
    }

    /** The class defined once more, by a class loader of its own, as a container's module loaders do. */
    private static Class<?> copyOf(Class<?> type) throws ClassNotFoundException {
        return TransformingLoader.asCompiled(type).loadClass(type.getName());
    }

    private static Object ask(Class<?> adapterCopy) throws ReflectiveOperationException {
        return ((Supplier<?>) adapterCopy.getDeclaredConstructor().newInstance()).get();
    }
}
