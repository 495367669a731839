package io.corsagent.runtime;

import java.util.Arrays;
import java.util.List;

import io.corsagent.hooks.ContainerHook;
import io.corsagent.hooks.HookPoint;

/** A hook of this module's tests: the given points, under the name {@value #NAME}. */
final class TestHooks {

    static final String NAME = "test-hook";

    private TestHooks() {
    }

    /** A ledger with one hook that decides requests and owns every point given. */
    static HookLedger ledgerOf(HookPoint... points) {
        HookLedger ledger = new HookLedger();
        ledger.add(hook(NAME, points), Arrays.asList(points));
        return ledger;
    }

    static ContainerHook hook(String name, HookPoint... points) {
        List<HookPoint> list = Arrays.asList(points);
        return new ContainerHook() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<HookPoint> points() {
                return list;
            }
        };
    }
}
