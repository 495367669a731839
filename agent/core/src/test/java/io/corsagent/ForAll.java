package io.corsagent;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a property over generated values. The seed is fixed, so a run is reproducible and a build never turns
 * red by chance; {@code -Dcors.test.seed=<n>} explores other values (a failure names the seed and the value).
 */
public final class ForAll {

    /** The seed of every property run, unless {@code cors.test.seed} names another. */
    public static final long SEED = Long.getLong("cors.test.seed", 20261127L);

    private ForAll() {
    }

    public static <T> void check(int tries, Gen<T> generator, Consumer<T> property) {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < tries; i++) {
            T value = generator.next(random);
            try {
                property.accept(value);
            } catch (AssertionError | RuntimeException failure) {
                AssertionError report = new AssertionError("property failed on try " + (i + 1) + " of " + tries
                        + " (seed " + SEED + ") for " + show(value) + ": " + failure.getMessage(), failure);
                throw report;
            }
        }
    }

    /** The value, cut after {@value #SHOWN} characters: enough to see it, short enough to read. */
    private static String show(Object value) {
        String text = value instanceof String ? Escaped.visible((String) value) : String.valueOf(value);
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "... (" + text.length() + " characters)";
    }

    private static final int SHOWN = 400;
}
