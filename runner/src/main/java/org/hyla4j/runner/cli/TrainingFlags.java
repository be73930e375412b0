package org.hyla4j.runner.cli;

import org.hyla4j.runner.config.RunConfig;
import picocli.CommandLine.Option;

/** The training-schedule flags shared by every command that trains ({@code train}, {@code compare}, {@code reproduce}, {@code sweep}). */
public final class TrainingFlags {

    @Option(names = "--steps", description = "Training steps.")
    Integer steps;

    @Option(names = "--batch", description = "Batch size.")
    Integer batch;

    @Option(names = "--lr", description = "Peak learning rate (paper 1e-3).")
    Double lr;

    @Option(names = "--weight-decay", description = "AdamW weight decay on matrices (paper 0.1).")
    Double weightDecay;

    @Option(names = "--warmup", description = "Linear warm-up steps (paper: 100 fuzzy logic, 1000 SRAVEN).")
    Integer warmup;

    @Option(names = "--eval-every", description = "Evaluate on the fixed test/ood sets every N steps (and at the end).")
    Integer evalEvery;

    @Option(names = "--eval-examples", description = "Examples in each fixed evaluation set.")
    Integer evalExamples;

    @Option(names = "--checkpoint-every", description = "Checkpoint every N steps (default: every evaluation).")
    Integer checkpointEvery;

    /** Sets the flags given on {@code b}. */
    RunConfig.Builder applyTo(RunConfig.Builder b) {
        return b.steps(steps).batch(batch).lr(lr).weightDecay(weightDecay).warmup(warmup).evalEvery(evalEvery).evalExamples(evalExamples)
                .checkpointEvery(checkpointEvery);
    }
}
