package org.hyla4j.runner.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer of run settings, every field optional: a preset's defaults, a {@code --config} file
 * (JSON or YAML with these field names) or the command-line flags. Layers are applied in that order;
 * {@link RunConfig#resolve} turns the result into a validated, complete configuration.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class RunSettings {

    /** Task id, e.g. {@code fuzzylogic}. */
    public String task;
    /** Attention variant ids. */
    public List<String> attention;
    /** Root seeds; one run per seed and variant. */
    public List<Long> seeds;
    /** {@code small} (default, minutes on 2 cores) or {@code paper}. */
    public String preset;
    /** Training steps. */
    public Integer steps;
    /** Batch size. */
    public Integer batch;
    /** Peak learning rate. */
    public Double lr;
    /** AdamW weight decay. */
    public Double weightDecay;
    /** Warm-up steps. */
    public Integer warmup;
    /** Evaluate every this many steps. */
    public Integer evalEvery;
    /** Examples per evaluation split. */
    public Integer evalExamples;
    /** Checkpoint every this many steps. */
    public Integer checkpointEvery;
    /** Transformer blocks. */
    public Integer layers;
    /** Width multiplier (scales heads, D, qk, v and MLP; per-head sizes stay). */
    public Integer width;
    /** Heads at width 1 (per-head sizes stay, so qk/v totals follow). */
    public Integer heads;
    /** Sequence length (task option {@code seq_len}). */
    public Integer seqLen;
    /** Held-out fraction (task option {@code frac_test}, or {@code frac_ood} for tasks without it). */
    public Double fracTest;
    /** Attention dropout rate (0.1 in the paper's code). */
    public Double attentionDropout;
    /** Further task options. */
    public Map<String, String> taskOptions = new LinkedHashMap<>();
    /** Intra-op threads. */
    public Integer threads;
    /** {@code auto}, {@code cpu} or {@code gpu}. */
    public String device;
    /** Model width D. Derived from the preset and {@code width}; accepted so that a run's {@code config.json} can be passed
     * back as {@code --config}, and then it must equal the derived value. The same holds for the next three. */
    public Integer modelDim;
    /** Total query/key width over heads (derived). */
    public Integer qkDim;
    /** Total value width over heads (derived). */
    public Integer vDim;
    /** MLP hidden width (derived). */
    public Integer mlpDim;
}
