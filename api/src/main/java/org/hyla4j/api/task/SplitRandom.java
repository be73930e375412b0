package org.hyla4j.api.task;

import java.util.Collection;
import java.util.SplittableRandom;
import org.hyla4j.api.InvalidSettingException;
import org.hyla4j.api.util.Seeds;

/** The random stream of one batch: a pure function of (task, seed, split, step). */
public final class SplitRandom {

    private SplitRandom() {
    }

    /** A generator for batch {@code step} of {@code split}. */
    public static SplittableRandom of(String taskId, long seed, String split, long step) {
        return new SplittableRandom(Seeds.fold(Seeds.derive(seed, taskId + "/" + split), step));
    }

    /** {@link #of(String, long, String, long)} after checking that {@code split} is one of {@code known} (else one clear usage error). */
    public static SplittableRandom of(String taskId, Collection<String> known, long seed, String split, long step) {
        if (!known.contains(split)) { // the message is built only when it is needed: this runs every training step
            throw new InvalidSettingException(String.format("unknown split '%s' of task %s; known: %s", split, taskId, String.join(", ", known)));
        }
        return of(taskId, seed, split, step);
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
