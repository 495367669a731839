package io.corsagent.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;
import net.bytebuddy.utility.StreamDrainer;

/**
 * Whether a class about to be defined extends or implements a type, told from class files alone: the class's own
 * bytes, then its super types' as its class loader finds them among its resources. Nothing is loaded, and only a
 * class file reader is needed, so a class whose woven form is cached is matched without setting up the weaver.
 */
final class SuperTypes {

    private SuperTypes() {
    }

    /**
     * @param classFile the class's bytes, as a transformer receives them
     * @param superType the binary name of the type, e.g. {@code javax.servlet.Filter}
     * @return whether the class is no interface and is or extends or implements {@code superType}, directly or not.
     *         A super type whose class file its loader does not find does not count.
     * @throws IllegalArgumentException when {@code classFile} is not a class file the reader knows
     */
    static boolean isClassExtending(ClassLoader loader, byte[] classFile, String superType) {
        ClassReader reader = OpenedClassReader.of(classFile);
        if ((reader.getAccess() & Opcodes.ACC_INTERFACE) != 0) {
            return false;
        }
        String target = superType.replace('.', '/');
        // The JDK's types extend no other library's: their class files are read only when the type is the JDK's.
        boolean jdkTarget = target.startsWith("java/");
        Set<String> seen = new HashSet<>();
        Deque<ClassReader> pending = new ArrayDeque<>();
        pending.add(reader);
        while (!pending.isEmpty()) {
            ClassReader current = pending.poll();
            if (current.getClassName().equals(target)) {
                return true;
            }
            for (String parent : parents(current)) {
                if (parent.equals(target)) {
                    return true;
                }
                if ((jdkTarget || !parent.startsWith("java/")) && seen.add(parent)) {
                    ClassReader parentReader = read(loader, parent);
                    if (parentReader != null) {
                        pending.add(parentReader);
                    }
                }
            }
        }
        return false;
    }

    /** The super class, if any, and the interfaces the class names itself. */
    private static List<String> parents(ClassReader reader) {
        List<String> parents = new ArrayList<>(Arrays.asList(reader.getInterfaces()));
        if (reader.getSuperName() != null) {
            parents.add(reader.getSuperName());
        }
        return parents;
    }

    private static ClassReader read(ClassLoader loader, String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : OpenedClassReader.of(StreamDrainer.DEFAULT.drain(in));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
