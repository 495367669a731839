package io.corsagent.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One adapter per adapter class and woven class, made once, whether it could be made or not. Each test weaves classes
 * of its own: {@link HookAdapters} keeps what it made with the woven class for good.
 */
class HookAdaptersTest {

    private static final String ADAPTER = "test.HookAdaptersTest$Adapter";
    private static final String OTHER_ADAPTER = "test.HookAdaptersTest$OtherAdapter";

    private final List<String> made = new ArrayList<>();

    @BeforeEach
    void install() {
        HookAdapters.install((adapterClass, woven) -> {
            made.add(adapterClass + " for " + woven.getSimpleName());
            return adapterClass.equals(ADAPTER) || adapterClass.equals(OTHER_ADAPTER)
                    ? new HookProtocolTest.FakeAdapter() : null;
        });
    }

    @Test
    void anAdapterIsMadeOncePerWovenClass() {
        class Woven { }
        class OtherWoven { }
        ContainerAdapter<Object, Object> first = HookAdapters.get(ADAPTER, Woven.class);

        assertSame(first, HookAdapters.get(ADAPTER, Woven.class));
        assertNotSame(first, HookAdapters.get(ADAPTER, OtherWoven.class));
        assertEquals(List.of(ADAPTER + " for Woven", ADAPTER + " for OtherWoven"), made);
    }

    @Test
    void aWovenClassKeepsAnAdapterOfEachClass() {
        class Woven { }
        ContainerAdapter<Object, Object> adapter = HookAdapters.get(ADAPTER, Woven.class);
        ContainerAdapter<Object, Object> other = HookAdapters.get(OTHER_ADAPTER, Woven.class);

        assertNotSame(adapter, other);
        assertSame(adapter, HookAdapters.get(ADAPTER, Woven.class));
        assertSame(other, HookAdapters.get(OTHER_ADAPTER, Woven.class));
        assertEquals(2, made.size());
    }

    @Test
    void aNameSpelledByAnotherStringFindsTheSameAdapter() {
        class Woven { }
        ContainerAdapter<Object, Object> adapter = HookAdapters.get(ADAPTER, Woven.class);

        assertSame(adapter, HookAdapters.get(new String(ADAPTER.toCharArray()), Woven.class));
        assertEquals(1, made.size());
    }

    @Test
    void anAdapterThatCannotBeMadeIsNotTriedAgain() {
        class Woven { }

        assertNull(HookAdapters.get("test.Missing", Woven.class));
        assertNull(HookAdapters.get("test.Missing", Woven.class));
        assertEquals(List.of("test.Missing for Woven"), made);
    }
}
