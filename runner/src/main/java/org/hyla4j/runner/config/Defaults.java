package org.hyla4j.runner.config;

import java.util.List;

/**
 * The runner's defaults that are not a setting's: a task plugin supplies its presets (steps, batch, learning rate, model
 * sizes; {@link org.hyla4j.api.task.Preset}), each scalar setting's own default is in {@link Setting}, and this class holds
 * the rest: the variants, seeds and devices a command offers, and how the warm-up is capped.
 */
public final class Defaults {

    /** The variant {@code train} (and a configuration without {@code attention}) uses. */
    public static final String VARIANT = "linear_hypatt";
    /** The root seed of a single run. */
    public static final long SEED = 0;
    /** The variants {@code compare} and the paper's main comparison use: softmax, linear and HYLA. */
    public static final List<String> COMPARED = List.of("softmax_attention", "linear_attention", "linear_hypatt");
    /** The seeds {@code compare} uses. */
    public static final List<Long> COMPARE_SEEDS = List.of(0L, 1L);
    /** The devices one can choose. */
    public static final List<String> DEVICES = List.of("auto", "cpu", "gpu");
    /** Warm-up is the preset's, capped at this fraction of the run's steps. */
    public static final int WARMUP_MAX_SHARE = 10;

    private Defaults() {
    }

    /** Intra-op threads: one per core. */
    public static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
