package org.hyla4j.core.train;

/**
 * optax's {@code warmup_cosine_decay_schedule(0 → lr over W steps, decay_steps = N − W, end = 0.1·lr)}
 * as the paper's code uses it (docs/model.md §5). optax counts the warm-up inside {@code decay_steps}, so the
 * cosine reaches 0.1·lr at step N − W and stays flat for the final W steps; the first update (t = 0)
 * uses lr = 0.
 *
 * <pre>
 * lr(t) = lr·t/W                                             for t &lt; W
 * lr(t) = 0.1·lr + 0.9·lr·½(1 + cos(π·min(t−W, N−2W)/(N−2W)))  otherwise
 * </pre>
 */
public final class WarmupCosineSchedule {

    private final double peak;
    private final int warmup;
    private final int steps;

    public WarmupCosineSchedule(double peak, int warmup, int steps) {
        this.peak = peak;
        this.warmup = warmup;
        this.steps = steps;
    }

    /** The learning rate of update {@code t} (0-based). */
    public double at(long t) {
        if (t < warmup) {
            return peak * t / warmup;
        }
        long decay = Math.max(1, steps - 2L * warmup);
        double progress = Math.min(t - warmup, decay) / (double) decay;
        double end = 0.1 * peak;
        return end + (peak - end) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
