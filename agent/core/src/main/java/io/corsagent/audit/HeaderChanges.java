package io.corsagent.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What enforce mode changes on a response's managed headers, from the app's set and the policy's complete set
 * (flattened pairs): headers it adds ({@code +}), replaces ({@code ~}) and removes ({@code -}).
 *
 * <p>One walk serves three readers: the signature ({@code +vary~access-control-allow-origin}), which names a
 * finding; the check that a response has a signature seen before, which must not allocate, since it runs on every
 * response in audit mode; and the sentences of a finding that is logged. Step {@code s} of the walk is one header
 * pair: first the policy's pairs, then the app's; a name counts at its first pair only (case-insensitive).
 */
final class HeaderChanges {

    static final char ADD = '+';
    static final char REPLACE = '~';
    static final char REMOVE = '-';
    static final char SAME = 0;

    private HeaderChanges() {
    }

    /** {@code +name}, {@code ~name}, {@code -name} for each change, names in lower case; empty when nothing changes. */
    static String signature(String[] policy, String[] app) {
        StringBuilder signature = new StringBuilder();
        for (int step = 0, steps = steps(policy, app); step < steps; step++) {
            char change = change(policy, app, step);
            if (change != SAME) {
                signature.append(change).append(name(policy, app, step).toLowerCase(Locale.ROOT));
            }
        }
        return signature.toString();
    }

    /**
     * Whether these headers make exactly {@code signature}. Allocates nothing, unless a header is repeated (its
     * values are then joined to be compared).
     */
    static boolean hasSignature(String signature, String[] policy, String[] app) {
        int at = 0;
        for (int step = 0, steps = steps(policy, app); step < steps; step++) {
            char change = change(policy, app, step);
            if (change == SAME) {
                continue;
            }
            String name = name(policy, app, step);
            if (at >= signature.length() || signature.charAt(at) != change
                    || !signature.regionMatches(true, at + 1, name, 0, name.length())) {
                return false;
            }
            at += 1 + name.length();
        }
        return at == signature.length();
    }

    /** The changes as sentences: {@code add Vary: Origin}, {@code replace X: a with b}, {@code remove X: a}. */
    static List<String> describe(String[] policy, String[] app) {
        List<String> changes = new ArrayList<>();
        for (int step = 0, steps = steps(policy, app); step < steps; step++) {
            char change = change(policy, app, step);
            String name = name(policy, app, step);
            if (change == ADD) {
                changes.add("add " + name + ": " + HeaderPairs.value(policy, name));
            } else if (change == REPLACE) {
                changes.add("replace " + name + ": " + RequestText.bounded(HeaderPairs.value(app, name)) + " with "
                        + HeaderPairs.value(policy, name));
            } else if (change == REMOVE) {
                changes.add("remove " + name + ": " + RequestText.bounded(HeaderPairs.value(app, name)));
            }
        }
        return changes;
    }

    private static int steps(String[] policy, String[] app) {
        return policy.length / 2 + app.length / 2;
    }

    private static String name(String[] policy, String[] app, int step) {
        int policyPairs = policy.length / 2;
        return step < policyPairs ? policy[2 * step] : app[2 * (step - policyPairs)];
    }

    private static char change(String[] policy, String[] app, int step) {
        int policyPairs = policy.length / 2;
        if (step < policyPairs) {
            int pair = 2 * step;
            if (!isFirst(policy, pair)) {
                return SAME;
            }
            String theirs = HeaderPairs.value(app, policy[pair]);
            return theirs == null ? ADD : theirs.equals(HeaderPairs.value(policy, policy[pair])) ? SAME : REPLACE;
        }
        int pair = 2 * (step - policyPairs);
        return isFirst(app, pair) && !contains(policy, app[pair]) ? REMOVE : SAME;
    }

    private static boolean isFirst(String[] pairs, int pair) {
        for (int i = 0; i < pair; i += 2) {
            if (pairs[i].equalsIgnoreCase(pairs[pair])) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(String[] pairs, String name) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
