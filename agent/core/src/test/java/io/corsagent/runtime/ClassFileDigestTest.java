package io.corsagent.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.corsagent.runtime.fixtures.Greeter;

/** The digest of a class file whose methods come in another order, as a JVM rebuilds it at retransformation. */
class ClassFileDigestTest {

    private final byte[] greeter = TransformingLoader.classFile(Greeter.class);

    @Test
    void theOrderOfTheMethodsDoesNotCount() throws Exception {
        byte[] reordered = withMethodsReversed(greeter);
        assertFalse(Arrays.equals(greeter, reordered), "the fixture has more than one method");
        assertArrayEquals(digest(greeter), digest(reordered));
    }

    @Test
    void everythingElseDoes() throws Exception {
        byte[] changed = greeter.clone();
        changed[changed.length - 1] ^= 1;
        assertFalse(Arrays.equals(digest(greeter), digest(changed)), "the last attribute's last byte");
        int[] lastMethod = methodRanges(greeter).get(methodRanges(greeter).size() - 1);
        byte[] otherCode = greeter.clone();
        otherCode[lastMethod[1] - 1] ^= 1;
        assertFalse(Arrays.equals(digest(greeter), digest(otherCode)), "the last method's last byte");
        byte[] other = TransformingLoader.classFile(ClassFileDigestTest.class);
        assertFalse(Arrays.equals(digest(greeter), digest(other)));
    }

    @Test
    void whatIsNoClassFileIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> digest(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    }

    private static byte[] digest(byte[] classFile) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        ClassFileDigest.update(digest, classFile);
        return digest.digest();
    }

    /** The same class file, its methods in reverse order. */
    private static byte[] withMethodsReversed(byte[] classFile) {
        List<int[]> methods = methodRanges(classFile);
        int start = methods.get(0)[0];
        int end = methods.get(methods.size() - 1)[1];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(classFile, 0, start);
        for (int i = methods.size() - 1; i >= 0; i--) {
            out.write(classFile, methods.get(i)[0], methods.get(i)[1] - methods.get(i)[0]);
        }
        out.write(classFile, end, classFile.length - end);
        return out.toByteArray();
    }

    /**
     * Where each method_info is, as {start, end}: read here with a reader of the test's own (the class file format,
     * JVMS 4.1), so that the test does not take the code under test's word for it.
     */
    private static List<int[]> methodRanges(byte[] classFile) {
        ByteBuffer in = ByteBuffer.wrap(classFile);
        in.position(8);
        int constants = in.getShort() & 0xffff;
        for (int i = 1; i < constants; i++) {
            int tag = in.get();
            switch (tag) {
                case 1 -> skip(in, in.getShort() & 0xffff);
                case 7, 8, 16, 19, 20 -> skip(in, 2);
                case 15 -> skip(in, 3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> skip(in, 4);
                case 5, 6 -> {
                    skip(in, 8);
                    i++;
                }
                default -> throw new IllegalStateException("constant tag " + tag);
            }
        }
        skip(in, 6);
        skip(in, 2 * (in.getShort() & 0xffff));
        int fields = in.getShort() & 0xffff;
        for (int i = 0; i < fields; i++) {
            skipMember(in);
        }
        int methodCount = in.getShort() & 0xffff;
        List<int[]> methods = new ArrayList<>();
        for (int i = 0; i < methodCount; i++) {
            int start = in.position();
            skipMember(in);
            methods.add(new int[] {start, in.position()});
        }
        return methods;
    }

    private static void skipMember(ByteBuffer in) {
        skip(in, 6);
        int attributes = in.getShort() & 0xffff;
        for (int i = 0; i < attributes; i++) {
            skip(in, 2);
            skip(in, in.getInt());
        }
    }

    /** Reads the count first: {@code in.position(in.position() + in.getInt())} would add it to the old position. */
    private static void skip(ByteBuffer in, int bytes) {
        in.position(in.position() + bytes);
    }
}
