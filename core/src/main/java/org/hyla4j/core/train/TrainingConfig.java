package org.hyla4j.core.train;

import org.hyla4j.api.UsageException;

/**
 * How to train (docs/model.md §5). Defaults are the paper's where it has one.
 *
 * @param steps number of updates N
 * @param batch sequences per update (128 in the paper)
 * @param lr peak learning rate (1e-3)
 * @param weightDecay AdamW decoupled weight decay, scaled by the learning rate (0.1); never applied to 1-D parameters
 * @param warmup linear warm-up steps W (100 fuzzy logic, 1000 SRAVEN)
 * @param evalEvery evaluate on the fixed {@code test}/{@code ood} sets every this many steps and at the end
 * @param evalExamples examples in each fixed evaluation set
 * @param checkpointEvery save a checkpoint every this many steps (and at the end and on interruption)
 * @param seed the root seed, split into init / data / dropout / eval streams
 */
public record TrainingConfig(int steps, int batch, double lr, double weightDecay, int warmup, int evalEvery,
        int evalExamples, int checkpointEvery, long seed) {

    public TrainingConfig {
        UsageException.check(steps > 0, "--steps must be positive, got %d", steps);
        UsageException.check(batch > 0, "--batch must be positive, got %d", batch);
        UsageException.check(lr > 0 && Double.isFinite(lr), "--lr must be a positive number, got %s", lr);
        UsageException.check(weightDecay >= 0 && Double.isFinite(weightDecay), "--weight-decay must be >= 0, got %s", weightDecay);
        UsageException.check(warmup >= 0 && warmup < steps, "--warmup must be in [0, steps), got %d", warmup);
        UsageException.check(evalEvery > 0, "eval interval must be positive, got %d", evalEvery);
        UsageException.check(evalExamples > 0, "eval examples must be positive, got %d", evalExamples);
        UsageException.check(checkpointEvery > 0, "checkpoint interval must be positive, got %d", checkpointEvery);
    }
}
