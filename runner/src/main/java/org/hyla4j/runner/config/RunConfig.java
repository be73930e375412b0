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
import org.hyla4j.api.UsageException;
import org.hyla4j.api.attention.AttentionConfig;
import org.hyla4j.api.task.Preset;
import org.hyla4j.api.task.SplitOrder;
import org.hyla4j.api.task.Task;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.api.task.TaskOption;
import org.hyla4j.core.nn.ModelConfig;
import org.hyla4j.core.train.DecayMask;
import org.hyla4j.core.train.TrainingConfig;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.plugins.Catalog;

/**
 * A complete, validated, immutable run configuration: what {@code config.json} holds. Make it with {@link Builder#build},
 * which fills what the builder leaves open from the task's preset and {@link Defaults} and validates the whole (the
 * record's own constructor checks nothing; only {@code build} calls it in hyla4j). {@code heads} is at width 1; the
 * model has heads·width heads, and the width multiplier scales heads, D, qk, v and MLP with per-head sizes fixed
 * (docs/model.md §2.5).
 */
public record RunConfig(String task, List<String> attention, List<Long> seeds, String preset, int steps, int batch, double lr,
        double weightDecay, String decayMask, int warmup, int evalEvery, int evalExamples, int checkpointEvery, int layers, int width, int heads,
        int modelDim, int qkDim, int vDim, int mlpDim, double attentionDropout, Map<String, String> taskOptions, int threads,
        String device) {

    /** The decay mask of every run made before the mask was a setting. */
    public static final String LEGACY_DECAY_MASK = DecayMask.MATRICES.id();

    public RunConfig {
        attention = List.copyOf(attention);
        seeds = List.copyOf(seeds);
        taskOptions = Map.copyOf(taskOptions);
    }

    /** The values {@code b} sets, the rest from the preset and {@link Defaults}; the derived sizes from heads and width. */
    private static RunConfig resolve(Builder b, Preset p, Map<String, String> options) {
        int steps = or(b.steps, p.steps());
        int evalEvery = Math.min(or(b.evalEvery, p.evalEvery()), steps);
        int width = or(b.width, Defaults.WIDTH);
        int heads = or(b.heads, p.numHeads());
        return new RunConfig(b.task,
                b.attention == null || b.attention.isEmpty() ? List.of(Defaults.VARIANT) : b.attention,
                b.seeds == null || b.seeds.isEmpty() ? List.of(Defaults.SEED) : b.seeds,
                b.preset == null ? Defaults.PRESET : b.preset,
                steps, or(b.batch, p.batch()), or(b.lr, p.lr()), or(b.weightDecay, p.weightDecay()), or(b.decayMask, Defaults.DECAY_MASK),
                or(b.warmup, Math.min(p.warmup(), Math.max(0, steps / Defaults.WARMUP_MAX_SHARE))),
                evalEvery, or(b.evalExamples, p.evalExamples()), or(b.checkpointEvery, evalEvery),
                or(b.layers, p.layers()), width, heads,
                p.modelDim() * width, heads * width * (p.qkDim() / p.numHeads()), heads * width * (p.vDim() / p.numHeads()), p.mlpDim() * width,
                or(b.attentionDropout, Double.parseDouble(Float.toString(AttentionConfig.DEFAULT_ATTENTION_DROPOUT))),
                options, or(b.threads, Defaults.threads()), b.device == null ? Defaults.DEVICE : b.device);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads a {@code config.json} written by a run or a comparison and resolves it again (so it is validated). */
    public static RunConfig read(Path file, Catalog catalog) {
        Builder b = builder().file(file);
        // a config.json records every setting; one written before a setting existed was trained with its legacy value
        if (b.decayMask == null) {
            b.decayMask = LEGACY_DECAY_MASK;
        }
        if (b.task != null && !b.taskOptions.containsKey(SplitOrder.KEY)
                && catalog.tasks().get(b.task).preset(b.preset == null ? Defaults.PRESET : b.preset).taskOptions().containsKey(SplitOrder.KEY)) {
            b.taskOptions.put(SplitOrder.KEY, SplitOrder.HYLA4J); // not the split the preset names now
        }
        return b.build(catalog);
    }

    /** A builder holding every value of this configuration but the derived sizes, to change some and build again. */
    public Builder toBuilder() {
        ObjectNode n = Json.PRETTY.valueToTree(this);
        n.remove(List.of("modelDim", "qkDim", "vDim", "mlpDim"));
        return Json.PRETTY.convertValue(n, Builder.class);
    }

    /** The same configuration for a single variant and seed (what a run directory records). */
    public RunConfig single(String attentionId, long seed, Catalog catalog) {
        return toBuilder().attention(List.of(attentionId)).seeds(List.of(seed)).build(catalog);
    }

    /** Whether {@code other} is the same experiment, whatever the machine settings (threads, device) of either. */
    public boolean sameExperimentAs(RunConfig other) {
        return experiment().equals(other.experiment());
    }

    /** This configuration as JSON without the machine settings: what identifies an experiment. */
    public ObjectNode experiment() {
        ObjectNode n = Json.PRETTY.valueToTree(this);
        n.remove(List.of("threads", "device"));
        // settings added after runs had been made are left out at the value that means what hyla4j did before, so that
        // those runs keep their identity (and hash) under the regime they were trained in, and any other value changes it
        if (LEGACY_DECAY_MASK.equals(decayMask)) {
            n.remove("decayMask");
        }
        if (SplitOrder.HYLA4J.equals(taskOptions.get(SplitOrder.KEY))) {
            ((ObjectNode) n.get("taskOptions")).remove(SplitOrder.KEY);
        }
        return n;
    }

    /** The task configured for a root seed. */
    public TaskInstance taskInstance(Catalog catalog, long seed) {
        return catalog.tasks().get(task).configure(taskOptions, seed);
    }

    /** The training settings for one root seed. */
    public TrainingConfig training(long seed) {
        return TrainingConfig.builder().steps(steps).batch(batch).lr(lr).weightDecay(weightDecay).decayMask(DecayMask.of(decayMask))
                .warmup(warmup).evalEvery(evalEvery)
                .evalExamples(evalExamples).checkpointEvery(checkpointEvery).seed(seed).build();
    }

    /** The model shape on a configured task. */
    public ModelConfig model(TaskInstance t) {
        return ModelConfig.forTask(t).layers(layers).modelDim(modelDim).numHeads(heads * width).qkDim(qkDim).vDim(vDim).mlpDim(mlpDim)
                .attentionDropout((float) attentionDropout).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunConfig c && Json.PRETTY.valueToTree(this).equals(Json.PRETTY.valueToTree(c));
    }

    @Override
    public int hashCode() {
        return Json.PRETTY.valueToTree(this).hashCode();
    }

    @Override
    public String toString() {
        return Json.LINE.valueToTree(this).toString();
    }

    /**
     * One layer of run settings, every field optional: a {@code --config} file (JSON or YAML with the field names of
     * {@code config.json}), the command-line flags, an experiment or sweep file. {@link #over} lays one on another;
     * {@link #build} fills the rest from the task's preset and {@link Defaults} and validates everything.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE,
            setterVisibility = Visibility.NONE)
    public static final class Builder {
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

        private Builder() {
        }

        /** Task id, e.g. {@code fuzzylogic}. */
        public Builder task(String v) {
            task = v;
            return this;
        }

        /** Attention variant ids; one run per variant and seed. */
        public Builder attention(List<String> v) {
            attention = v;
            return this;
        }

        /** Root seeds. */
        public Builder seeds(List<Long> v) {
            seeds = v;
            return this;
        }

        /** {@code small} (default: minutes on 2 cores) or {@code paper}. */
        public Builder preset(String v) {
            preset = v;
            return this;
        }

        /** Training steps. */
        public Builder steps(Integer v) {
            steps = v;
            return this;
        }

        /** Batch size. */
        public Builder batch(Integer v) {
            batch = v;
            return this;
        }

        /** Peak learning rate. */
        public Builder lr(Double v) {
            lr = v;
            return this;
        }

        /** AdamW weight decay on matrices. */
        public Builder weightDecay(Double v) {
            weightDecay = v;
            return this;
        }

        /** Weight-decay mask, {@code paper} (default) or {@code matrices}. */
        public Builder decayMask(String v) {
            decayMask = v;
            return this;
        }

        /** Linear warm-up steps (default: the preset's, capped at a tenth of the run). */
        public Builder warmup(Integer v) {
            warmup = v;
            return this;
        }

        /** Evaluate every this many steps (and at the end). */
        public Builder evalEvery(Integer v) {
            evalEvery = v;
            return this;
        }

        /** Examples per evaluation split. */
        public Builder evalExamples(Integer v) {
            evalExamples = v;
            return this;
        }

        /** Checkpoint every this many steps (default: every evaluation). */
        public Builder checkpointEvery(Integer v) {
            checkpointEvery = v;
            return this;
        }

        /** Transformer blocks. */
        public Builder layers(Integer v) {
            layers = v;
            return this;
        }

        /** Width multiplier (default 1). */
        public Builder width(Integer v) {
            width = v;
            return this;
        }

        /** Heads at width 1. */
        public Builder heads(Integer v) {
            heads = v;
            return this;
        }

        /** Sequence length (task option {@code seq_len}). */
        public Builder seqLen(Integer v) {
            seqLen = v;
            return this;
        }

        /** Held-out fraction ({@code frac_test}, or {@code frac_ood}). */
        public Builder fracTest(Double v) {
            fracTest = v;
            return this;
        }

        /** Dropout on the attention code during training (default 0.1, as the paper's code). */
        public Builder attentionDropout(Double v) {
            attentionDropout = v;
            return this;
        }

        /** One task option. */
        public Builder taskOption(String key, String value) {
            taskOptions.put(key, value);
            return this;
        }

        /** Intra-op threads (default: one per core). */
        public Builder threads(Integer v) {
            threads = v;
            return this;
        }

        /** {@code auto} (default), {@code cpu} or {@code gpu}. */
        public Builder device(String v) {
            device = v;
            return this;
        }

        /** The task set so far (null when open). */
        public String task() {
            return task;
        }

        /** The attention ids set so far (null when open). */
        public List<String> attention() {
            return attention;
        }

        /** The seeds set so far (null when open). */
        public List<Long> seeds() {
            return seeds;
        }

        /** The steps set so far (null when open). */
        public Integer steps() {
            return steps;
        }

        /** The threads set so far (null when open). */
        public Integer threads() {
            return threads;
        }

        /** Sets one value by its {@code config.json} field name (as {@link Setting} does); a value of the wrong type fails. */
        public Builder set(String field, Object value) {
            ObjectNode n = Json.PRETTY.createObjectNode();
            n.set(field, Json.PRETTY.valueToTree(value));
            try {
                return Json.PRETTY.readerForUpdating(this).readValue((com.fasterxml.jackson.databind.JsonNode) n);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot set " + field + " to " + value + ": " + e.getMessage(), e);
            }
        }

        /** Lays a JSON or YAML settings file over this builder. */
        public Builder file(Path file) {
            return Json.update(file, this);
        }

        /** Lays every value that {@code top} sets over this builder (task options are merged key by key). */
        public Builder over(Builder top) {
            try {
                return Json.PRETTY.readerForUpdating(this).readValue((com.fasterxml.jackson.databind.JsonNode) Json.PRETTY.valueToTree(top));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A copy of this builder. */
        public Builder copy() {
            return new Builder().over(this);
        }

        /** Fills what is open from the task's preset and {@link Defaults} and validates everything. */
        public RunConfig build(Catalog catalog) {
            UsageException.check(task != null, "missing --task; known: %s", String.join(", ", catalog.tasks().ids()));
            Task t = catalog.tasks().get(task);
            Preset p = t.preset(preset == null ? Defaults.PRESET : preset);
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
            DecayMask.of(c.decayMask()); // an unknown mask fails here, naming the known ones
            UsageException.check(Defaults.DEVICES.contains(c.device()), "--device must be cpu, gpu or auto, got '%s'", c.device());
            derived("modelDim", modelDim, c.modelDim(), c.width());
            derived("qkDim", qkDim, c.qkDim(), c.width());
            derived("vDim", vDim, c.vDim(), c.width());
            derived("mlpDim", mlpDim, c.mlpDim(), c.width());
            c.training(c.seeds().get(0)); // validates the numbers
            c.model(c.taskInstance(catalog, c.seeds().get(0)));
            return c;
        }

        /** A derived size given in a config file (e.g. a run's config.json) must match what the settings give. */
        private static void derived(String name, Integer given, int actual, int width) {
            UsageException.check(given == null || given == actual, "%s %d does not match the %d that the preset, heads and width %d give; "
                    + "%s is derived: change width or heads instead", name, given, actual, width, name);
        }
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
