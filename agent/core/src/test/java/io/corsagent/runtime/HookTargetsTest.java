package io.corsagent.runtime;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.corsagent.Allocations;
import io.corsagent.hooks.HookPoint;
import io.corsagent.runtime.fixtures.Greeter;
import io.corsagent.runtime.fixtures.InheritedChain;
import io.corsagent.runtime.fixtures.LooseChain;
import io.corsagent.runtime.fixtures.PlainStage;
import io.corsagent.runtime.fixtures.Stage;
import io.corsagent.runtime.fixtures.StageChain;
import io.corsagent.runtime.fixtures.StageChainLink;

/** The name test every class the JVM loads goes through, and the match of classes already loaded (attach). */
class HookTargetsTest {

    private static final HookPoint GREETER = HookPoint.inClass(Greeter.class.getName(), "greet", any(), "A");
    private static final HookPoint CHAINS = HookPoint.inSubtypes(Stage.class.getName(), "Chain", "run", any(), "B");
    private static final HookPoint FILTERS = HookPoint.inSubtypes("javax.servlet.Filter", "Filter", "doFilter", any(),
            "C");

    private final ClassLoader agentLoader = new ClassLoader(null) {
    };
    private final ClassLoader appLoader = HookTargetsTest.class.getClassLoader();
    private final HookTargets targets = new HookTargets(List.of(GREETER, CHAINS, FILTERS), agentLoader);

    @Test
    void aClassIsACandidateByItsExactNameOrANamePartOfASubtypePoint() {
        assertTrue(targets.isCandidate(appLoader, "io/corsagent/runtime/fixtures/Greeter"));
        assertTrue(targets.isCandidate(appLoader, "org/apache/catalina/core/ApplicationFilterChain"));
        assertTrue(targets.isCandidate(appLoader, "com/example/AuthFilter"));
        assertFalse(targets.isCandidate(appLoader, "io/corsagent/runtime/fixtures/Greeter2"));
        assertFalse(targets.isCandidate(appLoader, "io/corsagent/runtime/fixtures/GreeterFactory"));
        assertFalse(targets.isCandidate(appLoader, "com/example/chain/Handler"), "the name parts are case-sensitive");
    }

    @Test
    void theBootstrapLoaderTheAgentsLoaderTheJdkAndTheAgentsBridgeAreNever() {
        assertFalse(targets.isCandidate(null, "io/corsagent/runtime/fixtures/Greeter"));
        assertFalse(targets.isCandidate(agentLoader, "io/corsagent/runtime/fixtures/Greeter"));
        assertFalse(targets.isCandidate(appLoader, "java/util/logging/Filter"));
        assertFalse(targets.isCandidate(appLoader, "jdk/internal/SomeChain"));
        assertFalse(targets.isCandidate(appLoader, "sun/misc/ObjectInputFilter"));
        assertFalse(targets.isCandidate(appLoader, "com/sun/net/httpserver/Filter"));
        assertFalse(targets.isCandidate(appLoader, "io/corsagent/bridge/ExchangeFilter"));
        assertFalse(targets.isCandidate(appLoader, null), "a hidden class has no name");
    }

    @Test
    void theNameTestAllocatesNothing() {
        assertEquals(0, Allocations.perCall(() -> targets.isCandidate(appLoader, "org/example/app/OrderService")));
        assertEquals(0, Allocations.perCall(() -> targets.isCandidate(appLoader, "org/example/app/OrderFilter")));
    }

    @Test
    void theClassesPointsAreThoseItsNameAndSuperTypesMatchInTheOrderOfThePoints() {
        HookPoint chainsAgain = HookPoint.inSubtypes(Stage.class.getName(), "Chain", "run", any(), "D");
        HookPoint servletChains = HookPoint.inSubtypes("javax.servlet.FilterChain", "Chain", "doFilter", any(), "E");
        HookTargets withTwoChainPoints = new HookTargets(List.of(CHAINS, GREETER, servletChains, chainsAgain),
                agentLoader);
        assertEquals(List.of(CHAINS, chainsAgain), applying(withTwoChainPoints, StageChain.class));
        assertEquals(List.of(CHAINS, chainsAgain), applying(withTwoChainPoints, InheritedChain.class),
                "a Stage through its superclass");
        assertEquals(List.of(), applying(withTwoChainPoints, LooseChain.class), "not a Stage");
        assertEquals(List.of(), applying(withTwoChainPoints, StageChainLink.class), "an interface");
        assertEquals(List.of(GREETER), applying(withTwoChainPoints, Greeter.class));
    }

    @Test
    void aClassLoadedAlreadyIsMatchedByItsSuperTypesAsLoaded() {
        HookTargets chains = new HookTargets(List.of(CHAINS), agentLoader);
        for (Class<?> type : List.of(StageChain.class, InheritedChain.class, LooseChain.class, StageChainLink.class)) {
            assertEquals(applying(chains, type), chains.pointsApplyingTo(appLoader, type.getName().replace('.', '/'),
                    TransformingLoader.classFile(type), type), type::getName);
        }
    }

    private List<HookPoint> applying(HookTargets targets, Class<?> type) {
        return targets.pointsApplyingTo(appLoader, type.getName().replace('.', '/'), TransformingLoader.classFile(type),
                null);
    }

    @Test
    void aLoadedClassMatchesByItsExactNameOrByNameAndSuperType() {
        assertTrue(targets.matchesLoaded(Greeter.class));
        assertTrue(targets.matchesLoaded(StageChain.class));
        assertTrue(targets.matchesLoaded(InheritedChain.class), "a Stage through its superclass");
        assertFalse(targets.matchesLoaded(PlainStage.class), "not named like the point");
        assertFalse(targets.matchesLoaded(LooseChain.class), "not a Stage");
        assertFalse(targets.matchesLoaded(StageChainLink.class), "an interface");
        assertFalse(targets.matchesLoaded(String.class), "the bootstrap loader's");
    }
}
