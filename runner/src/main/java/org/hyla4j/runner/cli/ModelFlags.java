package org.hyla4j.runner.cli;

import org.hyla4j.runner.config.RunConfig;
import picocli.CommandLine.Option;

/** The model-shape flags shared by {@code train}, {@code compare} and {@code bench}. */
public final class ModelFlags {

    @Option(names = "--layers", description = "Transformer blocks.")
    Integer layers;

    @Option(names = "--width", description = "Width multiplier: scales heads, D, qk, v and MLP (per-head sizes stay).")
    Integer width;

    @Option(names = "--heads", description = "Heads at width 1 (per-head sizes stay).")
    Integer heads;

    @Option(names = "--attention-dropout", description = "Dropout on the attention code during training (paper's code: 0.1).")
    Double attentionDropout;

    /** Sets the flags given on {@code b}. */
    RunConfig.Builder applyTo(RunConfig.Builder b) {
        return b.layers(layers).width(width).heads(heads).attentionDropout(attentionDropout);
    }
}
