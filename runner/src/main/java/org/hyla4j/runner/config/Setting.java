package org.hyla4j.runner.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hyla4j.runner.base.UsageException;

/**
 * Every scalar run setting, defined once: its {@code config.json} field, its command-line flag ({@code --kebab-case}), its
 * sweep key ({@code snake_case}, plus the paper's names for it), its type and range, and its help text. The flag groups of
 * the commands, the sweep keys and docs/sweeps.md are all this table.
 */
public enum Setting {
    TASK(Group.RUN, "task", Kind.NAME, 0, "ID", "Task id (see 'hyla4j list'), e.g. fuzzylogic or sraven.", null),
    PRESET(Group.RUN, "preset", Kind.NAME, 0, "NAME", "small (minutes on 2 cores) or paper (the paper's settings, docs/model.md §2.5, §5).",
            Fallback.of(org.hyla4j.api.task.Preset.SMALL)),
    STEPS(Group.TRAINING, "steps", Kind.WHOLE, 1, "N", "Training steps.", Fallback.PRESET),
    BATCH(Group.TRAINING, "batch", Kind.WHOLE, 1, "N", "Batch size.", Fallback.PRESET),
    LR(Group.TRAINING, "lr", Kind.POSITIVE, 0, "X", "Peak learning rate (paper 1e-3).", Fallback.PRESET, "config.lr"),
    WEIGHT_DECAY(Group.TRAINING, "weightDecay", Kind.NON_NEGATIVE, 0, "X", "AdamW weight decay (paper 0.1).", Fallback.PRESET,
            "config.weight_decay"),
    DECAY_MASK(Group.TRAINING, "decayMask", Kind.NAME, 0, "paper|matrices",
            "Parameters weight decay applies to: paper (the paper's code: kernels, relative tables and the query/key/value biases) "
                    + "or matrices (only parameters with 2+ dimensions in hyla4j's fused layout: hyla4j's rule before this setting).",
            Fallback.of(org.hyla4j.core.train.DecayMask.PAPER.id())),
    WARMUP(Group.TRAINING, "warmup", Kind.WHOLE, 0, "N", "Linear warm-up steps (paper: 100 fuzzy logic, 1000 SRAVEN).",
            Fallback.described("the task's preset, capped at 1/" + Defaults.WARMUP_MAX_SHARE + " of the steps"), "config.warmup_steps"),
    EVAL_EVERY(Group.TRAINING, "evalEvery", Kind.WHOLE, 1, "N", "Evaluate on the fixed test/ood sets every N steps (and at the end).",
            Fallback.PRESET, "config.eval_every"),
    EVAL_EXAMPLES(Group.TRAINING, "evalExamples", Kind.WHOLE, 1, "N", "Examples in each fixed evaluation set.", Fallback.PRESET),
    CHECKPOINT_EVERY(Group.TRAINING, "checkpointEvery", Kind.WHOLE, 1, "N", "Checkpoint every N steps.", Fallback.described("every evaluation")),
    SEQ_LEN(Group.TASK, "seqLen", Kind.WHOLE, 2, "T", "Sequence length T (task option seq_len; fuzzy logic: 16/32/64/96).", Fallback.PRESET,
            "config.data.seq_len"),
    FRAC_TEST(Group.TASK, "fracTest", Kind.FRACTION, 0, "X", "Held-out fraction: fuzzy logic's frac_test, SRAVEN's frac_ood.",
            Fallback.PRESET, "config.data.frac_test"),
    LAYERS(Group.MODEL, "layers", Kind.WHOLE, 1, "N", "Transformer blocks.", Fallback.PRESET, "config.model.num_layers"),
    WIDTH(Group.MODEL, "width", Kind.WHOLE, 1, "N", "Width multiplier: scales heads, D, qk, v and MLP (per-head sizes stay).",
            Fallback.of(1), "config.width_multiplier"),
    HEADS(Group.MODEL, "heads", Kind.WHOLE, 1, "N", "Heads at width 1 (per-head sizes stay).", Fallback.PRESET),
    ATTENTION_DROPOUT(Group.MODEL, "attentionDropout", Kind.FRACTION, 0, "X", "Dropout on the attention code during training.",
            // the api's default for every attention block, as a double of the same decimal value (0.1, not 0.100000001)
            Fallback.of(Double.parseDouble(Float.toString(org.hyla4j.api.attention.AttentionConfig.DEFAULT_ATTENTION_DROPOUT)))),
    THREADS(Group.MACHINE, "threads", Kind.WHOLE, 1, "N", "Intra-op threads.", Fallback.described("one per core")),
    DEVICE(Group.MACHINE, "device", Kind.NAME, 0, "cpu|gpu|auto", "Where to train; auto uses a GPU when DJL sees one.", Fallback.of("auto"));

    /**
     * What a setting is when nothing sets it: a value, or where the value comes from (the task's preset, another setting).
     *
     * @param value the value, or null when it is not one constant
     * @param text the default as the help says it
     */
    public record Fallback(Object value, String text) {
        /** The task's preset gives it. */
        static final Fallback PRESET = described("the task's preset");

        static Fallback of(Object value) {
            return new Fallback(value, String.valueOf(value));
        }

        static Fallback described(String text) {
            return new Fallback(null, text);
        }
    }

    /** Which commands take a setting: every command that configures a run takes {@code RUN}; only some take the others. */
    public enum Group {
        /** Task and preset. */
        RUN,
        /** The training schedule: every command that trains. */
        TRAINING,
        /** Task options with a generic flag. */
        TASK,
        /** The model's shape. */
        MODEL,
        /** Where and how a run computes; not part of what identifies an experiment, so not a sweep key. */
        MACHINE
    }

    /** A setting's type and range. */
    public enum Kind {
        /** A non-blank name. */
        NAME(String.class),
        /** A whole number of at least the setting's minimum. */
        WHOLE(Integer.class),
        /** A finite number above 0. */
        POSITIVE(Double.class),
        /** A finite number of at least 0. */
        NON_NEGATIVE(Double.class),
        /** A number in [0, 1). */
        FRACTION(Double.class);

        private final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }

        /** The Java type of a value. */
        public Class<?> type() {
            return type;
        }
    }

    private static final Map<String, Setting> BY_KEY = Arrays.stream(values())
            .flatMap(s -> s.sweepKeys().stream().map(k -> Map.entry(k, s)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    /**
     * What defines a setting.
     *
     * @param group which commands take it
     * @param field the field name in {@code config.json} and in a {@code --config} file
     * @param kind its type and range
     * @param min the least whole number ({@link Kind#WHOLE})
     * @param paramLabel the flag's parameter in the help, e.g. {@code N}
     * @param description the flag's help, without its default
     * @param fallback its default, or null when it has none (it must be given)
     * @param paperKeys the paper's sweep keys for it (its W&amp;B {@code config.*} names), possibly none
     */
    public record Spec(Group group, String field, Kind kind, int min, String paramLabel, String description, Fallback fallback,
            List<String> paperKeys) {
    }

    private final Spec spec;

    Setting(Group group, String field, Kind kind, int min, String paramLabel, String description, Fallback fallback, String... paperKeys) {
        this.spec = new Spec(group, field, kind, min, paramLabel, description, fallback, List.of(paperKeys));
    }

    /** The flag's help: the description and the default. */
    public String help() {
        return spec.fallback() == null ? spec.description() : spec.description() + " Default: " + spec.fallback().text() + ".";
    }

    /** The default value, for a setting whose default is one constant. */
    public <T> T fallback(Class<T> type) {
        if (spec.fallback() == null || spec.fallback().value() == null) {
            throw new IllegalStateException(spec.field() + " has no constant default"); // a programming error, not a user's
        }
        return type.cast(spec.fallback().value());
    }

    /** The setting's definition: group, field, type, range and help. */
    public Spec spec() {
        return spec;
    }

    /** The command-line flag: {@code --} and the field in kebab case. */
    public String flag() {
        return "--" + split(spec.field(), '-');
    }

    /** hyla4j's sweep key: the field in snake case. */
    public String key() {
        return split(spec.field(), '_');
    }

    /** Every sweep key naming this setting: hyla4j's and the paper's; none for machine settings. */
    public List<String> sweepKeys() {
        if (spec.group() == Group.MACHINE) {
            return List.of();
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(key()), spec.paperKeys().stream()).toList();
    }

    /** The setting a sweep key names, if any. */
    public static Optional<Setting> forSweepKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** The settings of some groups, in table order. */
    public static List<Setting> of(Group... groups) {
        List<Group> g = List.of(groups);
        return Arrays.stream(values()).filter(s -> g.contains(s.spec.group())).toList();
    }

    /** Sets {@code value} (of {@link Kind#type}) on a builder, by its {@code config.json} field. */
    public RunSettings set(RunSettings b, Object value) {
        return b.set(spec.field(), value);
    }

    /**
     * Reads a sweep file's value for this setting, checking its type and range; {@code where} prefixes a message
     * (file and key). YAML 1.1 reads {@code 1e-3} without a dot as text, so a number in a string is accepted.
     */
    public Object parse(JsonNode v, String where) {
        return switch (spec.kind()) {
            case NAME -> name(v, where);
            case WHOLE -> Math.toIntExact(whole(v, where, spec.min()));
            case POSITIVE -> check(number(v, where), d -> d > 0 && Double.isFinite(d), v, where, "a positive number");
            case NON_NEGATIVE -> check(number(v, where), d -> d >= 0 && Double.isFinite(d), v, where, "a number in [0, inf)");
            case FRACTION -> check(number(v, where), d -> d >= 0 && d < 1, v, where, "a number in [0, 1)");
        };
    }

    /** A sweep file's non-blank name. */
    public static String name(JsonNode v, String where) {
        UsageException.check(v.isTextual() && !v.asText().isBlank(), "%s value %s: expected a name", where, v);
        return v.asText();
    }

    /** A sweep file's whole number in [{@code min}, {@link Integer#MAX_VALUE}]. */
    public static long whole(JsonNode v, String where, long min) {
        double d = number(v, where);
        UsageException.check(d == Math.rint(d) && d >= min && d <= Integer.MAX_VALUE, "%s value %s: expected a whole number >= %d", where,
                v.asText(), min);
        return (long) d;
    }

    private static double check(double d, java.util.function.DoublePredicate ok, JsonNode v, String where, String expected) {
        UsageException.check(ok.test(d), "%s value %s: expected %s", where, v.asText(), expected);
        return d;
    }

    private static double number(JsonNode v, String where) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            UsageException.check(v.isTextual(), "");
            return Double.parseDouble(v.asText().trim());
        } catch (RuntimeException e) {
            throw new UsageException(String.format("%s value %s: not a number", where, v));
        }
    }

    /** Every sweep key, hyla4j's then the paper's, joined with {@code ", "}: for messages and docs. */
    public static String sweepKeyList(Function<Setting, List<String>> keys) {
        return Arrays.stream(values()).flatMap(s -> keys.apply(s).stream()).collect(Collectors.joining(", "));
    }

    private static String split(String camel, char sep) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1" + sep + "$2").toLowerCase(Locale.ROOT);
    }
}
