package io.corsagent.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Median and spread of a handful of measurements.
 *
 * @param low  with {@code high}, an interval that holds the median of the population the values are drawn from with
 *             at least 87% confidence for 5 to 8 values (binomial order statistics): the lowest to the highest value
 *             for up to 6 values (94% for 5, 97% for 6), the second-lowest to the second-highest from 7 (88% for 7,
 *             93% for 8)
 */
record Stats(double median, double min, double max, int count, double low, double high) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        int inner = n >= 7 ? 1 : 0;
        return new Stats(median, sorted.get(0), sorted.get(n - 1), n, sorted.get(inner), sorted.get(n - 1 - inner));
    }

    /**
     * Whether the values meet a target, by the interval of {@link #low} and {@link #high}: "met" when it is all on
     * the target's side, "missed" when all beyond it, "open" otherwise, and with fewer than 5 values, whose interval
     * is less sure to hold the median, always open.
     *
     * @param atLeast whether the target is a lower bound (a throughput ratio) rather than an upper one (CPU)
     */
    String verdict(double target, boolean atLeast) {
        if (count < 5) {
            return "open (too few rounds)";
        }
        double worst = atLeast ? low : high;
        double best = atLeast ? high : low;
        boolean met = atLeast ? worst >= target : worst <= target;
        boolean missed = atLeast ? best < target : best > target;
        return met ? "met" : missed ? "missed" : "open";
    }

    /** e.g. {@code 21,450 (20,900-22,010)} */
    String format(String pattern) {
        return String.format(Locale.ROOT, pattern + " (" + pattern + "–" + pattern + ")", median, min, max);
    }
}
