package org.hyla4j.runner.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.api.task.Preset;
import org.hyla4j.api.task.SplitOrder;
import org.hyla4j.api.task.Task;
import org.hyla4j.api.task.TaskOption;
import org.hyla4j.core.train.DecayMask;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.plugins.Catalog;

/**
 * One layer of run settings, every field optional: a {@code --config} file (JSON or YAML with the field names of
 * {@code config.json}), the command-line flags, an experiment or sweep file. {@link #over} lays one on another;
 * {@link #build} fills the rest from the task's preset and {@link Defaults} and validates everything.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
public final class RunSettings {
    private String task;
    private List<String> attention;
    private List<Long> seeds;
    private String preset;
    private Integer steps;
    private Integer batch;
    private Double lr;
    private Double weightDecay;
    private String decayMask;
    private Integer warmup;
    private Integer evalEvery;
    private Integer evalExamples;
    private Integer checkpointEvery;
    /** The most intra-op threads a run may ask for; a training JVM uses at most its machine's cores. */
    public static final int MAX_THREADS = 1024;
    private Integer layers;
    private Integer width;
    private Integer heads;
    /** Sequence length: task option {@code seq_len}. */
    private Integer seqLen;
    /** Held-out fraction: task option {@code frac_test}, or {@code frac_ood} for tasks without it. */
    private Double fracTest;
    private Double attentionDropout;
    @JsonMerge
    private Map<String, String> taskOptions = new LinkedHashMap<>();
    private Integer threads;
    private String device;
    /**
     * Derived sizes, accepted so that a run's {@code config.json} can be passed back as {@code --config}; they must then
     * equal what the preset, heads and width give.
     */
    private Integer modelDim;
    private Integer qkDim;
    private Integer vDim;
    private Integer mlpDim;

    RunSettings() {
    }

    /** Task id, e.g. {@code fuzzylogic}. */
    public RunSettings task(String v) { task = v; return this; }

    /** Attention variant ids; one run per variant and seed. */
    public RunSettings attention(List<String> v) { attention = v; return this; }

    /** Root seeds. */
    public RunSettings seeds(List<Long> v) { seeds = v; return this; }

    /** {@code small} (default: minutes on 2 cores) or {@code paper}. */
    public RunSettings preset(String v) { preset = v; return this; }

    /** Training steps. */
    public RunSettings steps(Integer v) { steps = v; return this; }

    /** Batch size. */
    public RunSettings batch(Integer v) { batch = v; return this; }

    /** Peak learning rate. */
    public RunSettings lr(Double v) { lr = v; return this; }

    /** AdamW weight decay on matrices. */
    public RunSettings weightDecay(Double v) { weightDecay = v; return this; }

    /** Weight-decay mask, {@code paper} (default) or {@code matrices}. */
    public RunSettings decayMask(String v) { decayMask = v; return this; }

    /** Linear warm-up steps (default: the preset's, capped at a tenth of the run). */
    public RunSettings warmup(Integer v) { warmup = v; return this; }

    /** Evaluate every this many steps (and at the end). */
    public RunSettings evalEvery(Integer v) { evalEvery = v; return this; }

    /** Examples per evaluation split. */
    public RunSettings evalExamples(Integer v) { evalExamples = v; return this; }

    /** Checkpoint every this many steps (default: every evaluation). */
    public RunSettings checkpointEvery(Integer v) { checkpointEvery = v; return this; }

    /** Transformer blocks. */
    public RunSettings layers(Integer v) { layers = v; return this; }

    /** Width multiplier (default 1). */
    public RunSettings width(Integer v) { width = v; return this; }

    /** Heads at width 1. */
    public RunSettings heads(Integer v) { heads = v; return this; }

    /** Sequence length (task option {@code seq_len}). */
    public RunSettings seqLen(Integer v) { seqLen = v; return this; }

    /** Held-out fraction ({@code frac_test}, or {@code frac_ood}). */
    public RunSettings fracTest(Double v) { fracTest = v; return this; }

    /** Dropout on the attention code during training (default 0.1, as the paper's code). */
    public RunSettings attentionDropout(Double v) { attentionDropout = v; return this; }

    /** One task option. */
    public RunSettings taskOption(String key, String value) { taskOptions.put(key, value); return this; }

    /** Intra-op threads (default: one per core). */
    public RunSettings threads(Integer v) { threads = v; return this; }

    /** {@code auto} (default), {@code cpu} or {@code gpu}. */
    public RunSettings device(String v) { device = v; return this; }

    /** The task set so far (null when open). */
    public String task() { return task; }

    /** The attention ids set so far (null when open). */
    public List<String> attention() { return attention; }

    /** The seeds set so far (null when open). */
    public List<Long> seeds() { return seeds; }

    /** The steps set so far (null when open). */
    public Integer steps() { return steps; }

    /** The evaluation cadence set so far (null when open). */
    public Integer evalEvery() { return evalEvery; }

    /** The threads set so far (null when open). */
    public Integer threads() { return threads; }

    /** Sets one value by its {@code config.json} field name (as {@link Setting} does); a value of the wrong type fails. */
    public RunSettings set(String field, Object value) {
        ObjectNode n = Json.PRETTY.createObjectNode();
        n.set(field, Json.PRETTY.valueToTree(value));
        try {
            return Json.PRETTY.readerForUpdating(this).readValue((com.fasterxml.jackson.databind.JsonNode) n);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot set " + field + " to " + value + ": " + e.getMessage(), e);
        }
    }

    /** Lays a JSON or YAML settings file over this builder. */
    public RunSettings file(Path file) {
        return Json.update(file, this);
    }

    /** Lays every value that {@code top} sets over this builder (task options are merged key by key). */
    public RunSettings over(RunSettings top) {
        try {
            return Json.PRETTY.readerForUpdating(this).readValue((com.fasterxml.jackson.databind.JsonNode) Json.PRETTY.valueToTree(top));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of this builder. */
    public RunSettings copy() {
        return new RunSettings().over(this);
    }

    /** Fills what is open from the task's preset and {@link Defaults} and validates everything. */
    public RunConfig build(Catalog catalog) {
        UsageException.check(task != null, "missing --task; known: %s", String.join(", ", catalog.tasks().ids()));
        Task t = catalog.tasks().get(task);
        Preset p = t.preset(preset == null ? Setting.PRESET.fallback(String.class) : preset);
        Map<String, String> options = new LinkedHashMap<>(p.taskOptions());
        options.putAll(taskOptions);
        applyTaskFlags(t, options, seqLen, fracTest);
        RunConfig c = resolve(this, p, options);
        c.attention().forEach(catalog.attention()::get); // unknown ids fail here, naming the known ones
        UsageException.check(c.attention().stream().distinct().count() == c.attention().size(), "--attention lists a variant twice");
        UsageException.check(c.seeds().stream().distinct().count() == c.seeds().size(), "--seeds lists a seed twice");
        UsageException.check(c.width() > 0, "--width must be positive, got %d", c.width());
        UsageException.check(c.heads() > 0, "--heads must be positive, got %d", c.heads());
        UsageException.check(c.threads() > 0, "--threads must be positive, got %d", c.threads());
        UsageException.check(c.threads() <= MAX_THREADS, "--threads %d: at most %d threads per run (a run uses at most one per core)",
                c.threads(), MAX_THREADS);
        DecayMask.of(c.decayMask()); // an unknown mask fails here, naming the known ones
        UsageException.check(Defaults.DEVICES.contains(c.device()), "--device must be cpu, gpu or auto, got '%s'", c.device());
        derived("modelDim", modelDim, c.modelDim(), c.width());
        derived("qkDim", qkDim, c.qkDim(), c.width());
        derived("vDim", vDim, c.vDim(), c.width());
        derived("mlpDim", mlpDim, c.mlpDim(), c.width());
        // the numbers the core checks again (in its own words), here with the flags that set them
        UsageException.check(c.steps() > 0, "--steps must be positive, got %d", c.steps());
        UsageException.check(c.batch() > 0, "--batch must be positive, got %d", c.batch());
        UsageException.check(c.lr() > 0 && Double.isFinite(c.lr()), "--lr must be a positive number, got %s", c.lr());
        UsageException.check(c.weightDecay() >= 0 && Double.isFinite(c.weightDecay()), "--weight-decay must be >= 0, got %s", c.weightDecay());
        UsageException.check(c.warmup() >= 0 && c.warmup() < c.steps(), "--warmup must be in [0, --steps), got %d", c.warmup());
        c.training(c.seeds().get(0)); // validates the rest
        c.model(c.taskInstance(catalog, c.seeds().get(0)));
        return c;
    }

    /** A derived size given in a config file (e.g. a run's config.json) must match what the settings give. */
    private static void derived(String name, Integer given, int actual, int width) {
        UsageException.check(given == null || given == actual, "%s %d does not match the %d that the preset, heads and width %d give; "
                + "%s is derived: change width or heads instead", name, given, actual, width, name);
    }

    /** A {@code config.json} records every setting; one written before a setting existed was trained with its legacy value. */
    RunSettings withLegacyValues(Catalog catalog) {
        if (decayMask == null) {
            decayMask = RunConfig.LEGACY_DECAY_MASK;
        }
        if (task != null && !taskOptions.containsKey(SplitOrder.KEY)
                && catalog.tasks().get(task).preset(preset == null ? Setting.PRESET.fallback(String.class) : preset).taskOptions().containsKey(SplitOrder.KEY)) {
            taskOptions.put(SplitOrder.KEY, SplitOrder.HYLA4J); // not the split the preset names now
        }
        return this;
    }

    /** The values {@code b} sets, the rest from the preset and {@link Defaults}; the derived sizes from heads and width. */
    private static RunConfig resolve(RunSettings b, Preset p, Map<String, String> options) {
        int steps = or(b.steps, p.steps());
        int evalEvery = Math.min(or(b.evalEvery, p.evalEvery()), steps);
        int width = or(b.width, Setting.WIDTH.fallback(Integer.class));
        int heads = or(b.heads, p.numHeads());
        return new RunConfig(b.task,
                b.attention == null || b.attention.isEmpty() ? List.of(Defaults.VARIANT) : b.attention,
                b.seeds == null || b.seeds.isEmpty() ? List.of(Defaults.SEED) : b.seeds,
                or(b.preset, Setting.PRESET.fallback(String.class)),
                steps, or(b.batch, p.batch()), or(b.lr, p.lr()), or(b.weightDecay, p.weightDecay()), or(b.decayMask, Setting.DECAY_MASK.fallback(String.class)),
                or(b.warmup, Math.min(p.warmup(), Math.max(0, steps / Defaults.WARMUP_MAX_SHARE))),
                evalEvery, or(b.evalExamples, p.evalExamples()), or(b.checkpointEvery, evalEvery),
                or(b.layers, p.layers()), width, heads,
                p.modelDim() * width, heads * width * (p.qkDim() / p.numHeads()), heads * width * (p.vDim() / p.numHeads()), p.mlpDim() * width,
                or(b.attentionDropout, Setting.ATTENTION_DROPOUT.fallback(Double.class)),
                options, or(b.threads, Defaults.threads()), or(b.device, Setting.DEVICE.fallback(String.class)));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
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
}
