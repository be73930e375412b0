package org.hyla4j.api.task;

import java.util.SplittableRandom;
import org.hyla4j.api.util.Seeds;

/** The random stream of one batch: a pure function of (task, seed, split, step). */
public final class SplitRandom {

    private SplitRandom() {
    }

    /** A generator for batch {@code step} of {@code split}. */
    public static SplittableRandom of(String taskId, long seed, String split, long step) {
        return new SplittableRandom(Seeds.fold(Seeds.derive(seed, taskId + "/" + split), step));
    }

    /** Fisher–Yates shuffle of {@code a} in place. */
    public static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}
