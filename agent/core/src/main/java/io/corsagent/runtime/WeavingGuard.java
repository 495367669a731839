package io.corsagent.runtime;

import java.util.Set;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * What a class to instrument becomes when it loads before the agent's weaver is set up: its own code, with every
 * method the hook points name (by name: all the agent can tell before Byte Buddy runs) beginning with
 *
 * <pre>{@code if (CorsBridge.awaitWoven(ThisClass.class)) return this.method(arguments...);}</pre>
 *
 * <p>The agent retransforms the class once the weaver is ready, a few hundred milliseconds later, which replaces
 * this code with the woven one. A request that reaches a guarded method before then waits for it and then calls the
 * method again, which runs the woven version: no request passes the hooks unchecked, and the application's thread
 * that loaded the class did not wait for Byte Buddy. The call is {@code invokespecial} (or {@code invokestatic}), so
 * that it runs this class's method, never a subclass's override of it a second time.
 *
 * <p>Written with ASM alone (no frame computation, no class loaded): the one branch target gets a frame equal to the
 * method's initial frame, followed by a {@code nop} so that it never shares an offset with a frame of the original
 * code.
 */
final class WeavingGuard {

    private static final String BRIDGE = "io/corsagent/bridge/CorsBridge";
    private static final String AWAIT_WOVEN = "awaitWoven";
    private static final String AWAIT_WOVEN_DESCRIPTOR = "(Ljava/lang/Class;)Z";
    /** Stack map frames are required from Java 7 class files on; older ones are woven at once, as before. */
    private static final int FIRST_VERSION = Opcodes.V1_7;

    private WeavingGuard() {
    }

    /**
     * @param methodNames the names of the methods the hook points instrument in this class
     * @return the class with those methods guarded, or {@code null} when it has none that can be guarded (an
     *         interface, a class file older than Java 7, or no concrete method of those names)
     */
    static byte[] guard(byte[] classFile, Set<String> methodNames) {
        ClassReader reader = OpenedClassReader.of(classFile);
        // The major version: the unsigned short after the magic number and the minor version.
        if ((reader.getAccess() & Opcodes.ACC_INTERFACE) != 0 || reader.readUnsignedShort(6) < FIRST_VERSION) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        GuardingVisitor visitor = new GuardingVisitor(writer, reader.getClassName(), methodNames);
        reader.accept(visitor, 0);
        return visitor.guarded ? writer.toByteArray() : null;
    }

    private static final class GuardingVisitor extends ClassVisitor {

        private final String owner;
        private final Set<String> methodNames;
        boolean guarded;

        GuardingVisitor(ClassVisitor next, String owner, Set<String> methodNames) {
            super(OpenedClassReader.ASM_API, next);
            this.owner = owner;
            this.methodNames = methodNames;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (!methodNames.contains(name) || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                return next;
            }
            guarded = true;
            return new GuardedMethod(next, owner, access, name, descriptor);
        }
    }

    private static final class GuardedMethod extends MethodVisitor {

        private final String owner;
        private final boolean isStatic;
        private final String name;
        private final String descriptor;

        GuardedMethod(MethodVisitor next, String owner, int access, String name, String descriptor) {
            super(OpenedClassReader.ASM_API, next);
            this.owner = owner;
            this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
            this.name = name;
            this.descriptor = descriptor;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            Label unguarded = new Label();
            super.visitLdcInsn(Type.getObjectType(owner));
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, AWAIT_WOVEN, AWAIT_WOVEN_DESCRIPTOR, false);
            super.visitJumpInsn(Opcodes.IFEQ, unguarded);
            int slot = 0;
            if (!isStatic) {
                super.visitVarInsn(Opcodes.ALOAD, slot++);
            }
            for (Type argument : Type.getArgumentTypes(descriptor)) {
                super.visitVarInsn(argument.getOpcode(Opcodes.ILOAD), slot);
                slot += argument.getSize();
            }
            super.visitMethodInsn(isStatic ? Opcodes.INVOKESTATIC : Opcodes.INVOKESPECIAL, owner, name, descriptor,
                    false);
            super.visitInsn(Type.getReturnType(descriptor).getOpcode(Opcodes.IRETURN));
            super.visitLabel(unguarded);
            super.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
            super.visitInsn(Opcodes.NOP);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            // The guard's stack: the class, then the arguments (and this), then the result.
            int arguments = (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - (isStatic ? 1 : 0);
            int result = Type.getReturnType(descriptor).getSize();
            super.visitMaxs(Math.max(maxStack, Math.max(1, Math.max(arguments, result))), maxLocals);
        }
    }
}
