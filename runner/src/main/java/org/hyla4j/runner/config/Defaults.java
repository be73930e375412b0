package org.hyla4j.runner.config;

import java.util.List;

/**
 * Every default of the runner that is not a task's: a task plugin supplies its presets (steps, batch, learning rate,
 * model sizes; {@link org.hyla4j.api.task.Preset}), and this class fills in what a command line leaves open.
 */
public final class Defaults {

    /** The preset used unless {@code --preset} names another. */
    public static final String PRESET = org.hyla4j.api.task.Preset.SMALL;
    /** The variant {@code train} (and a configuration without {@code attention}) uses. */
    public static final String VARIANT = "linear_hypatt";
    /** The root seed of a single run. */
    public static final long SEED = 0;
    /** The variants {@code compare} and the paper's main comparison use: softmax, linear and HYLA. */
    public static final List<String> COMPARED = List.of("softmax_attention", "linear_attention", "linear_hypatt");
    /** The seeds {@code compare} uses. */
    public static final List<Long> COMPARE_SEEDS = List.of(0L, 1L);
    /** The weight-decay mask: the paper's ({@link org.hyla4j.core.train.DecayMask#PAPER}). */
    public static final String DECAY_MASK = org.hyla4j.core.train.DecayMask.PAPER.id();
    /** Width multiplier. */
    public static final int WIDTH = 1;
    /** Device choice. */
    public static final String DEVICE = "auto";
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
