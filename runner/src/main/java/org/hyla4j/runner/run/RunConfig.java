package org.hyla4j.runner.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hyla4j.api.UsageException;
import org.hyla4j.api.attention.AttentionConfig;
import org.hyla4j.api.nn.ModelConfig;
import org.hyla4j.api.task.Preset;
import org.hyla4j.api.task.Task;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.api.task.TaskOption;
import org.hyla4j.api.train.TrainingConfig;
import org.hyla4j.runner.plugins.Catalog;

/**
 * A complete, validated run configuration: what {@code config.json} holds ({@code heads} is at
 * width 1; the model has heads·width heads). Model sizes follow the
 * preset; the width multiplier scales heads, D, qk, v and MLP with per-head sizes fixed (spec §2.5).
 */
public record RunConfig(String task, List<String> attention, List<Long> seeds, String preset, int steps, int batch,
        double lr, double weightDecay, int warmup, int evalEvery, int evalExamples, int checkpointEvery, int layers,
        int width, int heads, int modelDim, int qkDim, int vDim, int mlpDim, double attentionDropout,
        Map<String, String> taskOptions, int threads, String device) {

    /** Applies defaults from the task's preset under {@code s} and validates everything. */
    public static RunConfig resolve(RunSettings s, Catalog catalog) {
        UsageException.check(s.task != null, "missing --task; known: %s", String.join(", ", catalog.tasks().ids()));
        Task task = catalog.tasks().get(s.task);
        List<String> attention = s.attention == null || s.attention.isEmpty() ? List.of("linear_hypatt") : s.attention;
        attention.forEach(catalog.attention()::get); // unknown ids fail here, naming the known ones
        UsageException.check(attention.stream().distinct().count() == attention.size(), "--attention lists a variant twice");
        List<Long> seeds = s.seeds == null || s.seeds.isEmpty() ? List.of(0L) : s.seeds;
        UsageException.check(seeds.stream().distinct().count() == seeds.size(), "--seeds lists a seed twice");
        String presetName = s.preset == null ? Preset.SMALL : s.preset;
        Preset p = task.preset(presetName);
        int steps = or(s.steps, p.steps());
        int width = or(s.width, 1);
        int heads = or(s.heads, p.numHeads());
        UsageException.check(width > 0, "--width must be positive, got %d", width);
        UsageException.check(heads > 0, "--heads must be positive, got %d", heads);
        int dk = p.qkDim() / p.numHeads();
        int dv = p.vDim() / p.numHeads();
        Map<String, String> options = new LinkedHashMap<>(p.taskOptions());
        options.putAll(s.taskOptions);
        applyTaskFlags(task, options, s.seqLen, s.fracTest);
        int evalEvery = Math.min(or(s.evalEvery, p.evalEvery()), steps);
        int threads = or(s.threads, Runtime.getRuntime().availableProcessors());
        UsageException.check(threads > 0, "--threads must be positive, got %d", threads);
        String device = s.device == null ? "auto" : s.device;
        UsageException.check(List.of("auto", "cpu", "gpu").contains(device), "--device must be cpu, gpu or auto, got '%s'", device);
        int warmup = or(s.warmup, Math.min(p.warmup(), Math.max(0, steps / 10)));
        RunConfig c = new RunConfig(s.task, List.copyOf(attention), List.copyOf(seeds), presetName, steps, or(s.batch, p.batch()),
                or(s.lr, p.lr()), or(s.weightDecay, p.weightDecay()), warmup, evalEvery, or(s.evalExamples, p.evalExamples()),
                or(s.checkpointEvery, evalEvery), or(s.layers, p.layers()), width, heads, p.modelDim() * width,
                heads * width * dk, heads * width * dv, p.mlpDim() * width,
                or(s.attentionDropout, Double.parseDouble(Float.toString(AttentionConfig.DEFAULT_ATTENTION_DROPOUT))), Map.copyOf(options), threads, device);
        derived("modelDim", s.modelDim, c.modelDim, width);
        derived("qkDim", s.qkDim, c.qkDim, width);
        derived("vDim", s.vDim, c.vDim, width);
        derived("mlpDim", s.mlpDim, c.mlpDim, width);
        c.training(seeds.get(0)); // validates the numbers
        c.model(c.taskInstance(catalog, seeds.get(0)));
        return c;
    }

    /**
     * Maps the generic {@code --seq-len} and {@code --frac-test} flags onto a task's options:
     * {@code seq_len}, and {@code frac_test} (or {@code frac_ood} for tasks whose held-out fraction is that).
     */
    public static void applyTaskFlags(Task task, Map<String, String> options, Integer seqLen, Double fracTest) {
        List<String> known = task.options().stream().map(TaskOption::key).collect(Collectors.toList());
        if (seqLen != null) {
            UsageException.check(known.contains("seq_len"), "task %s has a fixed sequence length; --seq-len does not apply", task.id());
            options.put("seq_len", String.valueOf(seqLen));
        }
        if (fracTest != null) {
            String key = known.contains("frac_test") ? "frac_test" : "frac_ood";
            UsageException.check(known.contains(key), "task %s has no held-out fraction option", task.id());
            options.put(key, String.valueOf(fracTest));
        }
    }

    /** A derived size given in a config file (e.g. a run's config.json) must match what the settings give. */
    private static void derived(String name, Integer given, int actual, int width) {
        UsageException.check(given == null || given == actual, "%s %d does not match the %d that the preset, heads and width %d give; "
                + "%s is derived: change width or heads instead", name, given, actual, width, name);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** The task configured for a root seed. */
    public TaskInstance taskInstance(Catalog catalog, long seed) {
        return catalog.tasks().get(task).configure(taskOptions, seed);
    }

    /** The training settings for one root seed. */
    public TrainingConfig training(long seed) {
        return new TrainingConfig(steps, batch, lr, weightDecay, warmup, evalEvery, evalExamples, checkpointEvery, seed);
    }

    /** The model shape on a configured task. */
    public ModelConfig model(TaskInstance t) {
        return new ModelConfig(t.inputDim(), t.outputDim(), t.readoutPositions(), layers, modelDim, heads * width, qkDim, vDim, mlpDim,
                t.seqLen(), false, (float) attentionDropout);
    }

    /** This configuration as settings, to resolve it again (e.g. for {@code --resume}). */
    public RunSettings settings() {
        RunSettings s = new RunSettings();
        s.task = task;
        s.attention = attention;
        s.seeds = seeds;
        s.preset = preset;
        s.steps = steps;
        s.batch = batch;
        s.lr = lr;
        s.weightDecay = weightDecay;
        s.warmup = warmup;
        s.evalEvery = evalEvery;
        s.evalExamples = evalExamples;
        s.checkpointEvery = checkpointEvery;
        s.layers = layers;
        s.width = width;
        s.heads = heads;
        s.attentionDropout = attentionDropout;
        s.taskOptions = new java.util.LinkedHashMap<>(taskOptions);
        s.threads = threads;
        s.device = device;
        return s;
    }

    /** Reads a {@code config.json} written by a run. */
    public static RunConfig read(java.nio.file.Path file) {
        try {
            return Json.PRETTY.treeToValue(Json.read(file), RunConfig.class);
        } catch (java.io.IOException e) {
            throw new UsageException("corrupt " + file + ": " + Json.firstLine(e.getMessage()));
        }
    }

    /** Whether {@code other} is the same experiment, whatever the machine settings (threads, device) of either. */
    public boolean sameExperimentAs(RunConfig other) {
        return onMachine(0, "-").equals(other.onMachine(0, "-"));
    }

    /** The same experiment with other machine settings. */
    private RunConfig onMachine(int threadCount, String deviceChoice) {
        return new RunConfig(task, attention, seeds, preset, steps, batch, lr, weightDecay, warmup, evalEvery, evalExamples,
                checkpointEvery, layers, width, heads, modelDim, qkDim, vDim, mlpDim, attentionDropout, taskOptions, threadCount, deviceChoice);
    }

    /** The same configuration for a single variant and seed (what a run directory records). */
    public RunConfig single(String attentionId, long seed) {
        return new RunConfig(task, List.of(attentionId), List.of(seed), preset, steps, batch, lr, weightDecay, warmup, evalEvery,
                evalExamples, checkpointEvery, layers, width, heads, modelDim, qkDim, vDim, mlpDim, attentionDropout, taskOptions,
                threads, device);
    }
}
