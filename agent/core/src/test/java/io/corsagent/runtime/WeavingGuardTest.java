package io.corsagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.utility.OpenedClassReader;

import io.corsagent.runtime.fixtures.Calculator;
import io.corsagent.runtime.fixtures.Greeter;
import io.corsagent.runtime.fixtures.Stage;

/**
 * The guard on its own: classes guarded pass the JVM's verifier, and a guarded method of a class that was not woven
 * since (its weaving failed) runs as it is. The guard's wait and second call: {@link DeferredWeavingTest}.
 */
class WeavingGuardTest {

    @Test
    void guardedMethodsOfEveryShapeVerifyAndRunAsTheyAreWhenTheirClassWasNotWoven() throws Exception {
        byte[] guarded = WeavingGuard.guard(TransformingLoader.classFile(Calculator.class),
                Set.of("sum", "add", "total", "count"));
        assertNotNull(guarded);
        Class<?> calculator = TransformingLoader.defining(Calculator.class, guarded).loadClass(Calculator.class.getName());
        Object instance = calculator.getConstructor().newInstance();
        assertEquals(6L, calculator.getMethod("sum", long.class, double.class, int.class).invoke(null, 1L, 2.9, 3));
        calculator.getMethod("add", long.class).invoke(instance, 40L);
        calculator.getMethod("add", long.class).invoke(instance, 2L);
        assertEquals(42L, calculator.getMethod("total").invoke(instance));
        assertEquals(3, calculator.getMethod("count", int[].class).invoke(instance, (Object) new int[3]));
    }

    @Test
    void onlyMethodsOfTheGivenNamesAreGuarded() {
        byte[] guarded = WeavingGuard.guard(TransformingLoader.classFile(Calculator.class), Set.of("total", "add"));
        assertEquals(List.of("add", "total"), guardedMethods(guarded));
    }

    @Test
    void nothingIsGuardedInAClassWithoutSuchMethodsOrInAnInterface() {
        assertNull(WeavingGuard.guard(TransformingLoader.classFile(Greeter.class), Set.of("wave")));
        assertNull(WeavingGuard.guard(TransformingLoader.classFile(Stage.class), Set.of("run")));
    }

    /** The methods whose code calls the bridge's guard, in class file order. */
    private static List<String> guardedMethods(byte[] classFile) {
        List<String> names = new ArrayList<>();
        OpenedClassReader.of(classFile).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(OpenedClassReader.ASM_API) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                                                boolean isInterface) {
                        if (owner.equals("io/corsagent/bridge/CorsBridge") && method.equals("awaitWoven")
                                && !names.contains(name)) {
                            names.add(name);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
        return names;
    }
}
