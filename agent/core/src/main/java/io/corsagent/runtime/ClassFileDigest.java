package io.corsagent.runtime;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import net.bytebuddy.utility.OpenedClassReader;

/**
 * Feeds a class file to a digest in a form that does not depend on the order of its methods.
 *
 * <p>A class file as compiled has a fixed order, but the class file the JVM hands a transformer when it
 * retransforms a loaded class (after an attach) is rebuilt from the loaded class, whose methods HotSpot keeps sorted
 * by the addresses of their names in memory: two JVMs give the same class with its methods in different orders. The
 * methods are therefore fed in an order of their own (by their bytes); everything else as it is.
 */
final class ClassFileDigest {

    private final byte[] classFile;
    private int offset;

    private ClassFileDigest(byte[] classFile, int offset) {
        this.classFile = classFile;
        this.offset = offset;
    }

    /** @throws IllegalArgumentException when {@code classFile} is not a class file the reader knows */
    static void update(MessageDigest digest, byte[] classFile) {
        // Past the constant pool: the class's access flags, names, interfaces and fields, then its methods.
        ClassFileDigest reader = new ClassFileDigest(classFile, OpenedClassReader.of(classFile).header + 6);
        int interfaces = reader.u2();
        reader.offset += 2 * interfaces;
        int fields = reader.u2();
        for (int i = 0; i < fields; i++) {
            reader.member();
        }
        int methodsStart = reader.offset;
        int methodCount = reader.u2();
        List<ByteBuffer> methods = new ArrayList<>(methodCount);
        for (int i = 0; i < methodCount; i++) {
            int start = reader.offset;
            reader.member();
            methods.add(ByteBuffer.wrap(classFile, start, reader.offset - start).slice());
        }
        Collections.sort(methods);
        digest.update(classFile, 0, methodsStart + 2);
        for (ByteBuffer method : methods) {
            digest.update(method);
        }
        digest.update(classFile, reader.offset, classFile.length - reader.offset);
    }

    /** Skips a field_info or method_info: access, name, descriptor, attributes. */
    private void member() {
        offset += 6;
        int attributes = u2();
        for (int i = 0; i < attributes; i++) {
            offset += 2;
            int length = u4();
            offset += length;
        }
    }

    private int u2() {
        int value = ((classFile[offset] & 0xff) << 8) | (classFile[offset + 1] & 0xff);
        offset += 2;
        return value;
    }

    private int u4() {
        return (u2() << 16) | u2();
    }
}
