package org.hyla4j.tasks.sraven;

import java.util.SplittableRandom;

/**
 * The 8 SRAVEN rules in the spec's index order (docs/model.md §4); the paper's letters A–H follow it. Each
 * rule generates a 3×3 array (rows × columns) of values mod F, each row independently, and checks a
 * row against itself.
 */
public enum RavenRule {
    CONSTANT, PROGRESSION_PLUS_1, PROGRESSION_PLUS_2, PROGRESSION_MINUS_1, PROGRESSION_MINUS_2, ADDITION, SUBTRACTION,
    DISTRIBUTE_THREE;

    /** Number of rules R. */
    public static final int COUNT = 8;

    /** The step of a progression rule, 0 otherwise. */
    public int delta() {
        return switch (this) {
            case PROGRESSION_PLUS_1 -> 1;
            case PROGRESSION_PLUS_2 -> 2;
            case PROGRESSION_MINUS_1 -> -1;
            case PROGRESSION_MINUS_2 -> -2;
            default -> 0;
        };
    }

    /** A 3×3 grid [row][col] of values in [0, F) that follows this rule. */
    public int[][] generate(int maxVal, SplittableRandom rng) {
        int[][] g = new int[3][3];
        int[] three = ordinal() == 7 ? distinctThree(maxVal, rng) : null;
        for (int r = 0; r < 3; r++) {
            switch (this) {
                case CONSTANT -> {
                    int c = rng.nextInt(maxVal);
                    g[r] = new int[] {c, c, c};
                }
                case PROGRESSION_PLUS_1, PROGRESSION_PLUS_2, PROGRESSION_MINUS_1, PROGRESSION_MINUS_2 -> {
                    int s = rng.nextInt(maxVal);
                    for (int j = 0; j < 3; j++) {
                        g[r][j] = Math.floorMod(s + delta() * j, maxVal);
                    }
                }
                case ADDITION, SUBTRACTION -> {
                    int a = rng.nextInt(maxVal);
                    int b = rng.nextInt(maxVal);
                    g[r] = new int[] {a, b, Math.floorMod(this == ADDITION ? a + b : a - b, maxVal)};
                }
                case DISTRIBUTE_THREE -> {
                    int[] p = three.clone();
                    for (int i = 2; i > 0; i--) { // an independent permutation per row, not a Latin square
                        int j = rng.nextInt(i + 1);
                        int tmp = p[i];
                        p[i] = p[j];
                        p[j] = tmp;
                    }
                    g[r] = p;
                }
                default -> throw new IllegalStateException();
            }
        }
        return g;
    }

    private static int[] distinctThree(int maxVal, SplittableRandom rng) {
        int a = rng.nextInt(maxVal);
        int b;
        do {
            b = rng.nextInt(maxVal);
        } while (b == a);
        int c;
        do {
            c = rng.nextInt(maxVal);
        } while (c == a || c == b);
        return new int[] {a, b, c};
    }

    /**
     * The third value of a row that this rule implies from its first two values, given the complete
     * first row (distribute-three needs its set), or −1 if the rule cannot produce (a, b, ·).
     */
    public int complete(int a, int b, int[] firstRow, int maxVal) {
        return switch (this) {
            case CONSTANT -> a == b ? a : -1;
            case PROGRESSION_PLUS_1, PROGRESSION_PLUS_2, PROGRESSION_MINUS_1, PROGRESSION_MINUS_2 ->
                Math.floorMod(a + delta(), maxVal) == b ? Math.floorMod(b + delta(), maxVal) : -1;
            case ADDITION -> Math.floorMod(a + b, maxVal);
            case SUBTRACTION -> Math.floorMod(a - b, maxVal);
            case DISTRIBUTE_THREE -> {
                int x = firstRow[0];
                int y = firstRow[1];
                int z = firstRow[2];
                if (x == y || y == z || x == z || a == b || !in(a, firstRow) || !in(b, firstRow)) {
                    yield -1;
                }
                yield x + y + z - a - b;
            }
        };
    }

    private static boolean in(int v, int[] row) {
        return v == row[0] || v == row[1] || v == row[2];
    }

    /** Whether every row of {@code g} (rows × 3) follows this rule. */
    public boolean holds(int[][] g, int maxVal) {
        for (int r = 0; r < g.length; r++) {
            if (complete(g[r][0], g[r][1], g[0], maxVal) != g[r][2]) {
                return false;
            }
        }
        if (this == DISTRIBUTE_THREE) { // every row is a permutation of the first row's set
            int[] s0 = g[0].clone();
            java.util.Arrays.sort(s0);
            for (int r = 1; r < g.length; r++) {
                int[] s = g[r].clone();
                java.util.Arrays.sort(s);
                if (!java.util.Arrays.equals(s, s0)) {
                    return false;
                }
            }
        }
        return true;
    }
}
