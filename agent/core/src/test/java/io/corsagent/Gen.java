package io.corsagent;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A generator of test values from a seeded random source: the few combinators the property tests need (one of,
 * strings over an alphabet, lists, integers), with no library behind them.
 */
@FunctionalInterface
public interface Gen<T> {

    T next(SplittableRandom random);

    default <R> Gen<R> map(Function<T, R> mapper) {
        return random -> mapper.apply(next(random));
    }

    default Gen<List<T>> list(int min, int max) {
        return random -> {
            int size = random.nextInt(min, max + 1);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(random));
            }
            return values;
        };
    }

    /** This generator, or {@code null} one time in ten. */
    default Gen<T> orNull() {
        return random -> random.nextInt(10) == 0 ? null : next(random);
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return random -> values[random.nextInt(values.length)];
    }

    static <T> Gen<T> of(List<T> values) {
        return random -> values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
        return random -> generators[random.nextInt(generators.length)].next(random);
    }

    /** An integer from {@code min} to {@code max}, both included; the bounds themselves come up one time in five. */
    static Gen<Integer> ints(int min, int max) {
        return random -> {
            int edge = random.nextInt(10);
            return edge == 0 ? min : edge == 1 ? max : random.nextInt(min, max + 1);
        };
    }

    /** Strings of {@code min} to {@code max} characters taken from {@code alphabet}. */
    static Gen<String> strings(String alphabet, int min, int max) {
        return random -> {
            int length = random.nextInt(min, max + 1);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        };
    }

    /** Strings of any UTF-16 code units (lone surrogates and controls included), up to {@code max} long. */
    static Gen<String> anyText(int max) {
        return random -> {
            int length = random.nextInt(max + 1);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(4);
                text.append((char) (kind == 0 ? random.nextInt(0x20) : kind == 1 ? random.nextInt(0x20, 0x7f)
                        : kind == 2 ? random.nextInt(0x80, 0x800) : random.nextInt(0x800, 0x10000)));
            }
            return text.toString();
        };
    }
}
