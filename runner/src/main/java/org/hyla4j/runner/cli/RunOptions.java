package org.hyla4j.runner.cli;

import java.nio.file.Path;
import java.util.List;
import org.hyla4j.runner.run.Json;
import org.hyla4j.runner.run.RunSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Flags shared by {@code train} and {@code compare}; every one overrides the preset and the config file. */
public final class RunOptions {

    @Option(names = "--task", paramLabel = "ID", description = "Task id (see 'hyla4j list'), e.g. fuzzylogic or sraven.")
    String task;

    @Option(names = "--preset", paramLabel = "NAME", description = "small (default: minutes on 2 cores) or paper (the paper's defaults, spec §2.5/§5).")
    String preset;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON or YAML file of settings (field names as in config.json), applied over the preset.")
    Path config;

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

    @Mixin
    TaskFlags taskFlags = new TaskFlags();

    @Option(names = "--layers", description = "Transformer blocks.")
    Integer layers;

    @Option(names = "--width", description = "Width multiplier: scales heads, D, qk, v and MLP (per-head sizes stay).")
    Integer width;

    @Option(names = "--heads", description = "Heads at width 1 (per-head sizes stay).")
    Integer heads;

    @Option(names = "--attention-dropout", description = "Dropout on the attention code during training (paper's code: 0.1).")
    Double attentionDropout;


    @Option(names = "--threads", description = "Intra-op threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--device", paramLabel = "cpu|gpu|auto", description = "Where to train; auto uses a GPU when DJL sees one.")
    String device;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory.")
    Path out;

    /** Preset → config file → these flags; {@code attention} and {@code seeds} come from the command. */
    RunSettings settings(List<String> attention, List<Long> seeds) {
        RunSettings s = new RunSettings();
        if (config != null) {
            s = Json.applyConfigFile(config, s);
        }
        s.task = task != null ? task : s.task;
        s.preset = preset != null ? preset : s.preset;
        s.attention = attention != null ? attention : s.attention;
        s.seeds = seeds != null ? seeds : s.seeds;
        s.steps = steps != null ? steps : s.steps;
        s.batch = batch != null ? batch : s.batch;
        s.lr = lr != null ? lr : s.lr;
        s.weightDecay = weightDecay != null ? weightDecay : s.weightDecay;
        s.warmup = warmup != null ? warmup : s.warmup;
        s.evalEvery = evalEvery != null ? evalEvery : s.evalEvery;
        s.evalExamples = evalExamples != null ? evalExamples : s.evalExamples;
        s.checkpointEvery = checkpointEvery != null ? checkpointEvery : s.checkpointEvery;
        s.seqLen = taskFlags.seqLen != null ? taskFlags.seqLen : s.seqLen;
        s.fracTest = taskFlags.fracTest != null ? taskFlags.fracTest : s.fracTest;
        s.layers = layers != null ? layers : s.layers;
        s.width = width != null ? width : s.width;
        s.heads = heads != null ? heads : s.heads;
        s.attentionDropout = attentionDropout != null ? attentionDropout : s.attentionDropout;
        s.taskOptions.putAll(taskFlags.options);
        s.threads = threads != null ? threads : s.threads;
        s.device = device != null ? device : s.device;
        return s;
    }
}
