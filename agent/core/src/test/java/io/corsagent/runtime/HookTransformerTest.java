package io.corsagent.runtime;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.corsagent.Allocations;
import io.corsagent.hooks.HookPoint;
import io.corsagent.runtime.fixtures.Calculator;
import io.corsagent.runtime.fixtures.ExclaimAdvice;
import io.corsagent.runtime.fixtures.Greeter;
import io.corsagent.runtime.fixtures.InheritedChain;
import io.corsagent.runtime.fixtures.LooseChain;
import io.corsagent.runtime.fixtures.MissingFieldAdvice;
import io.corsagent.runtime.fixtures.PlainStage;
import io.corsagent.runtime.fixtures.QuestionAdvice;
import io.corsagent.runtime.fixtures.Stage;
import io.corsagent.runtime.fixtures.StageChain;
import io.corsagent.runtime.fixtures.StageChainLink;
import io.corsagent.runtime.fixtures.TypedGreeter;

/** The agent's transformer on classes of this test's own: what it weaves, what it leaves, and how it fails. */
class HookTransformerTest {

    private static final HookPoint GREETER = HookPoint.inClass(Greeter.class.getName(), "greet", any(),
            ExclaimAdvice.class.getName());
    private static final HookPoint STAGE_CHAINS = HookPoint.inSubtypes(Stage.class.getName(), "Chain", "run", any(),
            ExclaimAdvice.class.getName());

    /** Stands for the agent's own class loader: the test's classes are an application's here. */
    private final ClassLoader agentLoader = new ClassLoader(null) {
    };
    private final ClassLoader appLoader = HookTransformerTest.class.getClassLoader();

    @TempDir
    Path cacheDir;

    @BeforeEach
    void forgetEarlierLog() {
        CapturedLog.take();
    }

    @Test
    void aClassOfAPointIsWovenByItsExactName() throws Exception {
        HookTransformer transformer = transformer(GREETER);
        assertEquals("hello you!", greet(new TransformingLoader(transformer, Greeter.class)));
        assertEquals(List.of("DEBUG instrumented " + Greeter.class.getName()), CapturedLog.take());
    }

    @Test
    void subtypesNamedLikeThePointAreWovenWhetherTheyImplementItThemselvesOrThroughASuperclass() throws Exception {
        TransformingLoader loader = new TransformingLoader(transformer(STAGE_CHAINS), StageChain.class,
                InheritedChain.class, PlainStage.class);
        assertEquals("ran x!", run(loader, StageChain.class));
        assertEquals("inherited x!", run(loader, InheritedChain.class));
        assertEquals("plain x", run(loader, PlainStage.class), "not named like the point");
    }

    @Test
    void aClassNamedLikeThePointButNotASubtypeOrAnInterfaceIsLeftAsItIs() {
        HookTransformer transformer = transformer(STAGE_CHAINS);
        assertNull(transform(transformer, appLoader, LooseChain.class));
        assertNull(transform(transformer, appLoader, StageChainLink.class));
        assertEquals(List.of(), CapturedLog.take());
    }

    @Test
    void theBootstrapAndTheAgentsOwnClassLoaderAreNeverInstrumented() {
        HookTransformer transformer = transformer(GREETER);
        assertNull(transform(transformer, null, Greeter.class));
        assertNull(transform(transformer, agentLoader, Greeter.class));
        assertNotNull(transform(transformer, appLoader, Greeter.class), "the same class of any other loader");
    }

    @Test
    void aClassNoPointNamesIsTurnedAwayWithoutAllocating() {
        HookTransformer transformer = transformer(GREETER, STAGE_CHAINS);
        byte[] classFile = TransformingLoader.classFile(PlainStage.class);
        String name = PlainStage.class.getName().replace('.', '/');
        assertNull(transformer.transform(appLoader, name, null, null, classFile));
        assertEquals(0, Allocations.perCall(() -> transformer.transform(appLoader, name, null, null, classFile)));
    }

    @Test
    void aClassWhoseAdviceCannotLinkLoadsUnchangedAndSwitchesItsHookOffOnce() throws Exception {
        HookPoint missingField = HookPoint.inClass(Greeter.class.getName(), "greet", any(),
                MissingFieldAdvice.class.getName());
        HookLedger ledger = TestHooks.ledgerOf(missingField);
        HookTransformer transformer = new HookTransformer(new HookTargets(List.of(missingField), agentLoader), ledger,
                List.of(appLoader), WovenClassCache.NONE, DeferredWeaving.NEVER, null, Runnable::run);
        assertEquals("hello you", greet(new TransformingLoader(transformer, Greeter.class)));
        assertEquals("hello you", greet(new TransformingLoader(transformer, Greeter.class)));
        List<String> log = CapturedLog.take();
        assertEquals(1, log.size(), log::toString);
        assertTrue(log.get(0).startsWith("ERROR hook " + TestHooks.NAME + " switched off: it cannot be woven into "
                + Greeter.class.getName() + " ("), log::toString);
        assertTrue(log.get(0).contains("Cannot locate field"), log::toString);
        assertEquals("not-guarding", ledger.guardState());
        assertTrue(ledger.reason().startsWith("hook " + TestHooks.NAME + " switched off: " + Greeter.class.getName()),
                ledger.reason());
    }

    @Test
    void aClassLackingTheMethodItsPointNamesIsNeverHalfWoven() throws Exception {
        HookPoint lacking = HookPoint.inClass(Greeter.class.getName(), "farewell", any(),
                QuestionAdvice.class.getName());
        HookLedger ledger = TestHooks.ledgerOf(GREETER, lacking);
        HookTransformer transformer = new HookTransformer(new HookTargets(List.of(GREETER, lacking), agentLoader),
                ledger, List.of(appLoader), WovenClassCache.NONE, DeferredWeaving.NEVER, null, Runnable::run);
        assertEquals("hello you", greet(new TransformingLoader(transformer, Greeter.class)),
                "neither point woven, though greet exists");
        List<String> log = CapturedLog.take();
        assertEquals(1, log.size(), log::toString);
        assertTrue(log.get(0).contains(Greeter.class.getName() + " (") && log.get(0).contains(
                "it has no method farewell of the signature the hook was built for"), log::toString);
        assertEquals("not-guarding", ledger.guardState());
    }

    @Test
    void aHookWovenIntoOneClassAndLackingItsMethodInAnotherIsSwitchedOffWhicheverLoadsFirst() throws Exception {
        HookPoint lackingInCalculator = HookPoint.inClass(Calculator.class.getName(), "greet", any(),
                QuestionAdvice.class.getName());
        for (List<Class<?>> order : List.<List<Class<?>>>of(List.of(Greeter.class, Calculator.class),
                List.of(Calculator.class, Greeter.class))) {
            HookLedger ledger = TestHooks.ledgerOf(GREETER, lackingInCalculator);
            HookTransformer transformer = new HookTransformer(new HookTargets(List.of(GREETER, lackingInCalculator),
                    agentLoader), ledger, List.of(appLoader), WovenClassCache.NONE, DeferredWeaving.NEVER, null,
                    Runnable::run);
            for (Class<?> type : order) {
                transform(transformer, appLoader, type);
            }
            assertEquals("not-guarding", ledger.guardState(), order.toString());
            assertEquals("none", ledger.wovenClasses(), order.toString());
            List<String> errors = CapturedLog.take().stream().filter(l -> l.startsWith("ERROR")).toList();
            assertEquals(1, errors.size(), errors::toString);
            assertTrue(errors.get(0).startsWith("ERROR hook " + TestHooks.NAME + " switched off: it cannot be woven"
                    + " into " + Calculator.class.getName() + " ("), errors::toString);
        }
    }

    @Test
    void aHookNoneOfWhoseMethodsTheClassDeclaresIsNotForItAndIsLeftOutSilently() throws Exception {
        HookPoint otherRelease = HookPoint.inClass(Greeter.class.getName(), "farewell", any(),
                QuestionAdvice.class.getName());
        HookLedger ledger = new HookLedger();
        ledger.add(TestHooks.hook("other-container", otherRelease), List.of(otherRelease));
        ledger.add(TestHooks.hook(TestHooks.NAME, GREETER), List.of(GREETER));
        HookTransformer transformer = new HookTransformer(new HookTargets(List.of(otherRelease, GREETER),
                agentLoader), ledger, List.of(appLoader), WovenClassCache.NONE, DeferredWeaving.NEVER, null,
                Runnable::run);
        assertEquals("hello you!", greet(new TransformingLoader(transformer, Greeter.class)));
        assertEquals(List.of("DEBUG instrumented " + Greeter.class.getName()), CapturedLog.take());
        assertEquals("active", ledger.guardState());
        assertEquals(TestHooks.NAME + ": " + Greeter.class.getName(), ledger.wovenClasses());
    }

    @Test
    void aClassSomePointsWereLeftOutOfIsKeptWithThePointsThatWentIn() throws Exception {
        HookPoint otherRelease = HookPoint.inClass(Greeter.class.getName(), "farewell", any(),
                QuestionAdvice.class.getName());
        WovenClassCache cache = new WovenClassCache(cacheDir);
        byte[] first = null;
        for (int start = 0; start < 2; start++) {
            HookLedger ledger = new HookLedger();
            ledger.add(TestHooks.hook("other-container", otherRelease), List.of(otherRelease));
            ledger.add(TestHooks.hook(TestHooks.NAME, GREETER), List.of(GREETER));
            HookTransformer transformer = new HookTransformer(new HookTargets(List.of(otherRelease, GREETER),
                    agentLoader), ledger, List.of(appLoader), cache, DeferredWeaving.NEVER, null, Runnable::run);
            byte[] woven = transform(transformer, appLoader, Greeter.class);
            if (first == null) {
                first = woven;
            } else {
                assertArrayEquals(first, woven, "the restart takes the kept class");
                assertTrue(CapturedLog.take().contains("DEBUG instrumented " + Greeter.class.getName()
                        + " (woven at an earlier start, kept in " + cache + ")"));
            }
            assertEquals(TestHooks.NAME + ": " + Greeter.class.getName(), ledger.wovenClasses());
            assertEquals("active", ledger.guardState());
        }
    }

    @Test
    void aHookGuardsOnlyOnceItsEntryIsWovenNotItsCommitAlone() throws Exception {
        HookPoint entry = HookPoint.inClass(TypedGreeter.class.getName(), "greet", any(),
                QuestionAdvice.class.getName());
        HookLedger ledger = TestHooks.ledgerOf(entry, GREETER);
        HookTransformer transformer = new HookTransformer(new HookTargets(List.of(entry, GREETER), agentLoader),
                ledger, List.of(appLoader), WovenClassCache.NONE, DeferredWeaving.NEVER, null, Runnable::run);
        assertEquals("hello you!", greet(new TransformingLoader(transformer, Greeter.class)));
        assertEquals("not-guarding", ledger.guardState(), "the commit alone is woven");
        assertEquals(TestHooks.NAME + " (1 class, its entry not woven)", ledger.guarding());

        assertNotNull(transform(transformer, appLoader, TypedGreeter.class));
        assertEquals("active", ledger.guardState());
        assertEquals(TestHooks.NAME + " (2 classes, 0 requests)", ledger.guarding());
    }

    @Test
    void aClassWhoseRedefinitionTheJvmRefusesSwitchesOffTheHooksCountedAsWovenIntoIt() throws Exception {
        HookLedger ledger = TestHooks.ledgerOf(GREETER);
        HookTransformer transformer = new HookTransformer(new HookTargets(List.of(GREETER), agentLoader), ledger,
                List.of(appLoader), WovenClassCache.NONE, DeferredWeaving.NEVER, null, Runnable::run);
        Class<?> greeter = new TransformingLoader(transformer, Greeter.class).loadClass(Greeter.class.getName());
        assertEquals("active", ledger.guardState());

        assertEquals(List.of(TestHooks.NAME),
                ledger.redefinitionRefused(greeter, new UnsupportedOperationException("schema change")));
        assertEquals("not-guarding", ledger.guardState());
        assertTrue(ledger.reason().startsWith("hook " + TestHooks.NAME + " switched off: " + Greeter.class.getName()
                + ": the JVM refused its redefinition"), ledger.reason());
        assertEquals(List.of(), ledger.redefinitionRefused(greeter, new UnsupportedOperationException("again")));
    }

    @Test
    void aClassWhoseLoaderDoesNotSeeTheBridgeIsNotWovenAndItsLoaderIsNamedOnceWithTheFix() throws Exception {
        HookLedger ledger = TestHooks.ledgerOf(GREETER);
        HookTransformer transformer = new HookTransformer(new HookTargets(List.of(GREETER), agentLoader), ledger,
                List.of(appLoader), WovenClassCache.NONE, DeferredWeaving.NEVER, null, Runnable::run);
        TransformingLoader hiding = new TransformingLoader(transformer, Greeter.class) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("io.corsagent.bridge.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        assertEquals("hello you", greet(hiding));
        List<String> log = CapturedLog.take();
        assertEquals(1, log.size(), log::toString);
        assertTrue(log.get(0).startsWith("ERROR cannot guard " + Greeter.class.getName() + ": its class loader ("),
                log::toString);
        assertTrue(log.get(0).contains("does not see the agent's bridge") && log.get(0).contains(
                "Fix: make " + hiding.getClass().getName() + " delegate the package io.corsagent.bridge"), log::toString);
        assertEquals("not-guarding", ledger.guardState());
        assertEquals("none", ledger.guarding());

        assertEquals("hello you!", greet(new TransformingLoader(transformer, Greeter.class)), "another loader sees it");
        assertEquals("degraded", ledger.guardState());
        assertEquals(TestHooks.NAME + " (1 class, 0 requests)", ledger.guarding());
    }

    @Test
    void theAdviceOfEveryPointOfAMethodIsInlinedTheFirstPointsOutermost() throws Exception {
        HookPoint question = HookPoint.inClass(Greeter.class.getName(), "greet", any(),
                QuestionAdvice.class.getName());
        // The first point's exit advice runs last.
        assertEquals("hello you?!", greet(new TransformingLoader(transformer(GREETER, question), Greeter.class)));
        assertEquals("hello you!?", greet(new TransformingLoader(transformer(question, GREETER), Greeter.class)));
    }

    @Test
    void aBridgeMethodIsLeftAsItIsSoThatTheAdviceRunsOnceWhenItIsCalledThroughIt() throws Exception {
        HookTransformer transformer = transformer(HookPoint.inClass(TypedGreeter.class.getName(), "greet", any(),
                ExclaimAdvice.class.getName()));
        Class<?> greeter = new TransformingLoader(transformer, TypedGreeter.class)
                .loadClass(TypedGreeter.class.getName());
        Object instance = greeter.getConstructor().newInstance();
        assertTrue(greeter.getMethod("greet", Object.class).isBridge());
        assertEquals("hello you!", greeter.getMethod("greet", Object.class).invoke(instance, "you"));
        assertEquals("hello you!", greeter.getMethod("greet", String.class).invoke(instance, "you"));
    }

    @Test
    void preparingWeavesTheWarmUpClassAndLogsNothing() {
        assertTrue(Weaver.prepare());
        assertTrue(Weaver.prepare(), "once prepared, said at once");
        assertEquals(List.of(), CapturedLog.take());
    }

    // ---- the woven-class cache ----------------------------------------------------------------------------------

    @Test
    void aClassWovenOnceIsTakenFromTheCacheAtTheNextStart() throws Exception {
        WovenClassCache cache = new WovenClassCache(cacheDir);
        assertEquals("hello you!", greet(new TransformingLoader(transformer(cache, GREETER), Greeter.class)));
        assertEquals(List.of("DEBUG instrumented " + Greeter.class.getName()), CapturedLog.take());
        // The entry, not the weaver, decides: another advice's woven class put in its place is what the next start gets.
        byte[] questioned = transform(transformer(WovenClassCache.NONE, HookPoint.inClass(Greeter.class.getName(),
                "greet", any(), QuestionAdvice.class.getName())), appLoader, Greeter.class);
        cache.store(key(cache, GREETER), questioned);
        CapturedLog.take();

        assertEquals("hello you?", greet(new TransformingLoader(transformer(cache, GREETER), Greeter.class)));
        assertEquals(List.of("DEBUG instrumented " + Greeter.class.getName() + " (woven at an earlier start, kept in "
                + cacheDir + ")"), CapturedLog.take());
    }

    @Test
    void aSubtypeThatDeclaresNoneOfThePointsMethodsIsKeptAsUnchanged() throws Exception {
        WovenClassCache cache = new WovenClassCache(cacheDir);
        HookPoint noSuchMethod = HookPoint.inSubtypes(Stage.class.getName(), "Chain", "wave", any(),
                ExclaimAdvice.class.getName());
        assertNull(transform(transformer(cache, noSuchMethod), appLoader, StageChain.class));
        assertSame(WovenClassCache.UNCHANGED, cache.find(cache.keyOf(StageChain.class.getName().replace('.', '/'),
                TransformingLoader.classFile(StageChain.class), List.of(noSuchMethod))));
        assertEquals(List.of(), CapturedLog.take());
    }

    @Test
    void aDamagedEntryIsNeverUsedButWovenAgainAndReplaced() throws Exception {
        WovenClassCache cache = new WovenClassCache(cacheDir);
        byte[] woven = transform(transformer(cache, GREETER), appLoader, Greeter.class);
        byte[] entry = Files.readAllBytes(onlyEntry());
        for (byte[] damaged : List.of(Arrays.copyOf(entry, entry.length - 100), Arrays.copyOf(entry, 20), new byte[0],
                "half a class".getBytes(StandardCharsets.UTF_8))) {
            Files.write(onlyEntry(), damaged);
            assertNull(cache.find(key(cache, GREETER)), "cut to " + damaged.length + " bytes");
        }
        assertEquals("hello you!", greet(new TransformingLoader(transformer(cache, GREETER), Greeter.class)));
        assertArrayEquals(woven, cache.find(key(cache, GREETER)));
    }

    @Test
    void onlyAnAgentBundleExtractedByTheLauncherHasACacheBesideIt() {
        // These classes come from a build directory, as they do when the launcher fell back to a temporary file.
        WovenClassCache cache = WovenClassCache.besideAgentBundle();
        assertNull(cache.keyOf("a/B", TransformingLoader.classFile(Greeter.class), List.of(GREETER)));
        assertEquals("no woven-class cache", cache.toString());
    }

    @Test
    void theEntryOfAClassDependsOnTheAdviceWovenIntoIt() throws Exception {
        WovenClassCache cache = new WovenClassCache(cacheDir);
        HookPoint question = HookPoint.inClass(Greeter.class.getName(), "greet", any(), QuestionAdvice.class.getName());
        assertEquals("hello you!", greet(new TransformingLoader(transformer(cache, GREETER), Greeter.class)));
        assertEquals("hello you?", greet(new TransformingLoader(transformer(cache, question), Greeter.class)));
        assertEquals("hello you?!", greet(new TransformingLoader(transformer(cache, GREETER, question), Greeter.class)));
        try (Stream<Path> entries = Files.list(cacheDir)) {
            assertEquals(3, entries.count());
        }
    }

    @Test
    void aCacheThatCannotBeWrittenIsSaidOnceAndClassesAreStillWoven() throws Exception {
        Path notADirectory = Files.write(cacheDir.resolve("file"), new byte[0]);
        HookTransformer transformer = transformer(new WovenClassCache(notADirectory), GREETER);
        assertEquals("hello you!", greet(new TransformingLoader(transformer, Greeter.class)));
        assertEquals("hello you!", greet(new TransformingLoader(transformer, Greeter.class)));
        List<String> log = CapturedLog.take();
        assertEquals(1, log.stream().filter(l -> l.startsWith("WARN cannot keep woven classes in " + notADirectory)
                && l.endsWith(": the agent weaves them again at every start")).count(), log::toString);
    }

    private static String key(WovenClassCache cache, HookPoint point) {
        return cache.keyOf(Greeter.class.getName().replace('.', '/'), TransformingLoader.classFile(Greeter.class),
                List.of(point));
    }

    private Path onlyEntry() throws IOException {
        try (Stream<Path> entries = Files.list(cacheDir)) {
            List<Path> all = entries.toList();
            assertEquals(1, all.size(), all::toString);
            return all.get(0);
        }
    }

    private HookTransformer transformer(HookPoint... points) {
        return transformer(WovenClassCache.NONE, points);
    }

    private HookTransformer transformer(WovenClassCache cache, HookPoint... points) {
        return new HookTransformer(new HookTargets(List.of(points), agentLoader), TestHooks.ledgerOf(points),
                List.of(appLoader), cache, DeferredWeaving.NEVER, null, Runnable::run);
    }

    private static byte[] transform(HookTransformer transformer, ClassLoader loader, Class<?> type) {
        return transformer.transform(loader, type.getName().replace('.', '/'), null, null,
                TransformingLoader.classFile(type));
    }

    private static String greet(ClassLoader loader) throws Exception {
        Class<?> greeter = loader.loadClass(Greeter.class.getName());
        assertEquals(loader, greeter.getClassLoader());
        return (String) greeter.getMethod("greet", String.class).invoke(greeter.getConstructor().newInstance(), "you");
    }

    private static String run(ClassLoader loader, Class<?> stage) throws Exception {
        Class<?> type = loader.loadClass(stage.getName());
        assertEquals(loader, type.getClassLoader());
        return (String) type.getMethod("run", String.class).invoke(type.getConstructor().newInstance(), "x");
    }
}
