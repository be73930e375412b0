package org.hyla4j.runner.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyla4j.api.UsageException;
import org.hyla4j.runner.config.RunConfig;

/**
 * The keys a sweep file may use, in two vocabularies that may be mixed: hyla4j's own ({@code task}, {@code attention},
 * {@code seed}, {@code steps}, ..., {@code task_opt.KEY}) and the paper's ({@code config}, {@code config.lr},
 * {@code config.data.seq_len}, ..., as in the W&amp;B sweeps of the paper's code). Each key sets fields of a
 * {@link RunConfig.Builder}; docs/sweeps.md lists them all.
 */
final class SweepKeys {

    /** What one combination of the grid sets. */
    static final class Target {
        final RunConfig.Builder builder = RunConfig.builder();
        /** The paper's {@code config.data.num_train}: training examples, so steps = numTrain / batch once the batch is known. */
        Long numTrain;
        /** Whether the paper's {@code config} key chose the task: then the preset is the paper's unless the file names one. */
        boolean paperConfig;
        boolean presetGiven;
    }

    /** Keys that the paper's sweeps carry and a run here has no use for: accepted, with the reason printed once. */
    static final Map<String, String> IGNORED = Map.of(
            "log_every", "metrics are logged at a fixed cadence (metrics.jsonl)",
            "log_level", "logging is configured by hyla4j",
            "config.log_every", "metrics are logged at a fixed cadence (metrics.jsonl)");

    /** The paper's model names that differ from hyla4j's variant ids. */
    static final Map<String, String> PAPER_MODELS = Map.of("transformer", "softmax_attention", "linear_transformer", "linear_attention");

    private static final Pattern PAPER_CONFIG = Pattern.compile("configs/(\\w+)\\.py:(\\w+);(\\w+)");
    private static final Pattern LOGIC = Pattern.compile("logic_(\\d+)var_(\\d+)term");
    private static final Pattern RAVEN = Pattern.compile("raven_3x3_(\\d+)features");

    private SweepKeys() {
    }

    /** Sets what {@code key = value} means on {@code t}; an unknown key or a bad value is a usage error naming both. */
    static void apply(Path file, String key, JsonNode value, Target t) {
        RunConfig.Builder b = t.builder;
        if (key.startsWith("task_opt.") && key.length() > "task_opt.".length()) {
            b.taskOption(key.substring("task_opt.".length()), value.asText());
            return;
        }
        switch (key) {
            case "task" -> b.task(text(file, key, value));
            case "attention" -> b.attention(List.of(text(file, key, value)));
            case "preset" -> {
                b.preset(text(file, key, value));
                t.presetGiven = true;
            }
            case "seed", "config.seed" -> b.seeds(List.of(integer(file, key, value, 0)));
            case "steps" -> b.steps(Math.toIntExact(integer(file, key, value, 1)));
            case "batch" -> b.batch(Math.toIntExact(integer(file, key, value, 1)));
            case "lr", "config.lr" -> b.lr(positive(file, key, value));
            case "weight_decay", "config.weight_decay" -> b.weightDecay(fraction(file, key, value, false));
            case "warmup", "config.warmup_steps" -> b.warmup(Math.toIntExact(integer(file, key, value, 0)));
            case "eval_every", "config.eval_every" -> b.evalEvery(Math.toIntExact(integer(file, key, value, 1)));
            case "eval_examples" -> b.evalExamples(Math.toIntExact(integer(file, key, value, 1)));
            case "checkpoint_every" -> b.checkpointEvery(Math.toIntExact(integer(file, key, value, 1)));
            case "seq_len", "config.data.seq_len" -> b.seqLen(Math.toIntExact(integer(file, key, value, 2)));
            case "frac_test", "config.data.frac_test" -> b.fracTest(fraction(file, key, value, true));
            case "layers", "config.model.num_layers" -> b.layers(Math.toIntExact(integer(file, key, value, 1)));
            case "width", "config.width_multiplier" -> b.width(Math.toIntExact(integer(file, key, value, 1)));
            case "heads" -> b.heads(Math.toIntExact(integer(file, key, value, 1)));
            case "attention_dropout" -> b.attentionDropout(fraction(file, key, value, true));
            case "config.data.num_train" -> t.numTrain = integer(file, key, value, 1);
            case "config" -> paperConfig(file, value, t);
            default -> {
                if (!IGNORED.containsKey(key)) {
                    throw new UsageException(String.format("%s: unknown key '%s' (hyla4j keys: task, attention, seed, preset, steps, batch, lr, "
                            + "weight_decay, warmup, eval_every, eval_examples, checkpoint_every, seq_len, frac_test, layers, width, heads, "
                            + "attention_dropout, task_opt.KEY; the paper's: config, config.lr, config.weight_decay, config.seed, "
                            + "config.warmup_steps, config.data.seq_len, config.data.frac_test, config.data.num_train, "
                            + "config.model.num_layers, config.width_multiplier)", file, key));
                }
            }
        }
    }

    /** The paper's {@code configs/FILE.py:NAME;MODEL}: the task and its options from NAME, the variant from MODEL. */
    private static void paperConfig(Path file, JsonNode value, Target t) {
        String s = text(file, "config", value);
        Matcher m = PAPER_CONFIG.matcher(s);
        UsageException.check(m.matches(), "%s: key 'config' value '%s': expected configs/FILE.py:NAME;MODEL, e.g. "
                + "configs/logic.py:logic_4var_2term;linear_hypatt", file, s);
        RunConfig.Builder b = t.builder;
        String name = m.group(2);
        Matcher logic = LOGIC.matcher(name);
        Matcher raven = RAVEN.matcher(name);
        if (m.group(1).equals("logic") && logic.matches()) {
            b.task("fuzzylogic").taskOption("num_variables", logic.group(1)).taskOption("num_terms", logic.group(2));
        } else if (m.group(1).equals("raven") && raven.matches()) {
            b.task("sraven").taskOption("num_features", raven.group(1));
        } else {
            throw new UsageException(String.format("%s: key 'config' value '%s': unknown configuration '%s:%s' (known: "
                    + "configs/logic.py:logic_<L>var_<K>term, configs/raven.py:raven_3x3_<K>features)", file, s, m.group(1), name));
        }
        b.attention(List.of(PAPER_MODELS.getOrDefault(m.group(3), m.group(3))));
        t.paperConfig = true;
    }

    private static String text(Path file, String key, JsonNode v) {
        UsageException.check(v.isTextual() && !v.asText().isBlank(), "%s: key '%s' value %s: expected a name", file, key, v);
        return v.asText();
    }

    private static long integer(Path file, String key, JsonNode v, long min) {
        double d = number(file, key, v);
        UsageException.check(d == Math.rint(d) && d >= min && d <= Integer.MAX_VALUE, "%s: key '%s' value %s: expected a whole number >= %d",
                file, key, v.asText(), min);
        return (long) d;
    }

    private static double positive(Path file, String key, JsonNode v) {
        double d = number(file, key, v);
        UsageException.check(d > 0 && Double.isFinite(d), "%s: key '%s' value %s: expected a positive number", file, key, v.asText());
        return d;
    }

    private static double fraction(Path file, String key, JsonNode v, boolean belowOne) {
        double d = number(file, key, v);
        UsageException.check(d >= 0 && (belowOne ? d < 1 : Double.isFinite(d)), "%s: key '%s' value %s: expected a number in [0, %s)", file,
                key, v.asText(), belowOne ? "1" : "inf");
        return d;
    }

    /** A number, also when YAML read it as a string (YAML 1.1 reads 1e-3 without a dot as text). */
    private static double number(Path file, String key, JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            UsageException.check(v.isTextual(), "");
            return Double.parseDouble(v.asText().trim());
        } catch (RuntimeException e) {
            throw new UsageException(String.format("%s: key '%s' value %s: not a number", file, key, v));
        }
    }
}
