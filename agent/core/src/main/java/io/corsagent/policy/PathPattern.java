package io.corsagent.policy;

import java.util.ArrayDeque;

/**
 * An Ant-style glob over the served path: {@code ?} one character but {@code /}, {@code *} any run of
 * characters but {@code /}, {@code /**} zero or more whole path segments, {@code **} elsewhere any run of
 * characters. Matching is case-sensitive, like servlet mappings.
 *
 * <p>The glob is compiled to a small automaton whose set of active states fits in one {@code long}: matching is
 * one pass over the path, with no backtracking (a hostile path cannot make it slow) and no allocation. The same
 * automaton tells at load time whether two globs can match one path, for the "equally specific" check.
 */
public final class PathPattern {

    /** The automaton's states and final state must fit in the bits of a {@code long}. */
    static final int MAX_STATES = 63;

    private static final byte LITERAL = 0;
    private static final byte NOT_SLASH = 1;
    private static final byte ANY = 2;
    private static final byte SLASH = 3;

    private final String glob;
    private final int literalLength;
    /** What state {@code s} consumes, and the character for {@link #LITERAL}. */
    private final byte[] kinds;
    private final char[] literals;
    /** Where state {@code s} goes after consuming. */
    private final int[] targets;
    /** The states reachable from {@code s} without consuming, {@code s} included. */
    private final long[] closures;
    private final int finalState;

    private PathPattern(String glob, int literalLength, byte[] kinds, char[] literals, int[] targets,
                        long[] closures, int finalState) {
        this.glob = glob;
        this.literalLength = literalLength;
        this.kinds = kinds;
        this.literals = literals;
        this.targets = targets;
        this.closures = closures;
        this.finalState = finalState;
    }

    /** @return the compiled glob, or {@code null} when it needs more than {@link #MAX_STATES} states */
    static PathPattern compile(String glob) {
        int capacity = glob.length() + 1;
        byte[] kinds = new byte[capacity];
        char[] literals = new char[capacity];
        int[] targets = new int[capacity];
        int[] epsilons = new int[capacity];
        java.util.Arrays.fill(epsilons, -1);
        int state = 0;
        int literalLength = 0;
        int length = glob.length();
        for (int p = 0; p < length; ) {
            if (glob.startsWith("/**", p) && (p + 3 == length || glob.charAt(p + 3) == '/')) {
                // Zero segments (skip both states), or a slash and then anything.
                kinds[state] = SLASH;
                targets[state] = state + 1;
                epsilons[state] = state + 2;
                kinds[state + 1] = ANY;
                targets[state + 1] = state + 1;
                epsilons[state + 1] = state + 2;
                state += 2;
                p += 3;
            } else if (glob.startsWith("**", p)) {
                kinds[state] = ANY;
                targets[state] = state;
                epsilons[state] = state + 1;
                state++;
                p += 2;
            } else if (glob.charAt(p) == '*') {
                kinds[state] = NOT_SLASH;
                targets[state] = state;
                epsilons[state] = state + 1;
                state++;
                p++;
            } else if (glob.charAt(p) == '?') {
                kinds[state] = NOT_SLASH;
                targets[state] = state + 1;
                state++;
                p++;
            } else {
                kinds[state] = LITERAL;
                literals[state] = glob.charAt(p);
                targets[state] = state + 1;
                state++;
                literalLength++;
                p++;
            }
        }
        if (state > MAX_STATES) {
            return null;
        }
        long[] closures = new long[state + 1];
        closures[state] = 1L << state;
        for (int s = state - 1; s >= 0; s--) {
            closures[s] = (1L << s) | (epsilons[s] >= 0 ? closures[epsilons[s]] : 0L);
        }
        return new PathPattern(glob, literalLength, kinds, literals, targets, closures, state);
    }

    /** How specific the glob is: the number of its characters that are not wildcards. The longest wins. */
    public int literalLength() {
        return literalLength;
    }

    /** One pass over the path, no allocation. */
    public boolean matches(String path) {
        long active = closures[0];
        for (int i = 0; i < path.length() && active != 0; i++) {
            char c = path.charAt(i);
            long next = 0;
            for (long rest = active & ~(1L << finalState); rest != 0; rest &= rest - 1) {
                int s = Long.numberOfTrailingZeros(rest);
                if (accepts(kinds[s], literals[s], c)) {
                    next |= closures[targets[s]];
                }
            }
            active = next;
        }
        return (active & (1L << finalState)) != 0;
    }

    private static boolean accepts(byte kind, char literal, char c) {
        switch (kind) {
            case LITERAL: return c == literal;
            case NOT_SLASH: return c != '/';
            case SLASH: return c == '/';
            default: return true;
        }
    }

    /**
     * @return a path both globs match (the shortest one), or {@code null} when no path matches both. Used at load
     *         time to refuse two equally specific rules that would both apply to a request.
     */
    String commonPath(PathPattern other) {
        int width = other.finalState + 1;
        int pairs = (finalState + 1) * width;
        int[] parent = new int[pairs];
        char[] via = new char[pairs];
        boolean[] seen = new boolean[pairs];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (long a = closures[0]; a != 0; a &= a - 1) {
            for (long b = other.closures[0]; b != 0; b &= b - 1) {
                int pair = Long.numberOfTrailingZeros(a) * width + Long.numberOfTrailingZeros(b);
                seen[pair] = true;
                parent[pair] = -1;
                queue.add(pair);
            }
        }
        while (!queue.isEmpty()) {
            int pair = queue.poll();
            int a = pair / width;
            int b = pair % width;
            if (a == finalState && b == other.finalState) {
                StringBuilder path = new StringBuilder();
                for (int p = pair; parent[p] >= 0; p = parent[p]) {
                    path.append(via[p]);
                }
                return path.reverse().toString();
            }
            if (a == finalState || b == other.finalState) {
                continue;
            }
            int c = commonChar(kinds[a], literals[a], other.kinds[b], other.literals[b]);
            if (c < 0) {
                continue;
            }
            for (long ta = closures[targets[a]]; ta != 0; ta &= ta - 1) {
                for (long tb = other.closures[other.targets[b]]; tb != 0; tb &= tb - 1) {
                    int next = Long.numberOfTrailingZeros(ta) * width + Long.numberOfTrailingZeros(tb);
                    if (!seen[next]) {
                        seen[next] = true;
                        parent[next] = pair;
                        via[next] = (char) c;
                        queue.add(next);
                    }
                }
            }
        }
        return null;
    }

    /** A character both states accept, or -1. */
    private static int commonChar(byte kindA, char literalA, byte kindB, char literalB) {
        if (kindA == LITERAL) {
            return accepts(kindB, literalB, literalA) ? literalA : -1;
        }
        if (kindB == LITERAL) {
            return accepts(kindA, literalA, literalB) ? literalB : -1;
        }
        if (kindA == SLASH || kindB == SLASH) {
            return kindA == NOT_SLASH || kindB == NOT_SLASH ? -1 : '/';
        }
        return 'x';
    }

    @Override
    public String toString() {
        return glob;
    }
}
