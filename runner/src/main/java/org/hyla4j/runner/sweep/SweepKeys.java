package org.hyla4j.runner.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import org.hyla4j.runner.config.Setting;

/**
 * The keys a sweep file may use, in two vocabularies that may be mixed: hyla4j's own ({@code task}, {@code attention},
 * {@code seed}, {@code steps}, ..., {@code task_opt.KEY}) and the paper's ({@code config}, {@code config.lr},
 * {@code config.data.seq_len}, ..., as in the W&amp;B sweeps of the paper's code). Each key sets fields of a
 * {@link RunSettings}; docs/sweeps.md lists them all.
 */
final class SweepKeys {

    /** What one combination of the grid sets. */
    static final class Target {
        final RunSettings builder = RunConfig.builder();
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
        RunSettings b = t.builder;
        String where = file + ": key '" + key + "'";
        if (key.startsWith("task_opt.") && key.length() > "task_opt.".length()) {
            b.taskOption(key.substring("task_opt.".length()), value.asText());
            return;
        }
        Setting setting = Setting.forSweepKey(key).orElse(null);
        if (setting != null) {
            setting.set(b, setting.parse(value, where));
            t.presetGiven |= setting == Setting.PRESET;
            return;
        }
        switch (key) {
            case "attention" -> b.attention(List.of(Setting.name(value, where)));
            case "seed", "config.seed" -> b.seeds(List.of(Setting.whole(value, where, 0)));
            case "config.data.num_train" -> t.numTrain = Setting.whole(value, where, 1);
            case "config" -> paperConfig(file, value, t);
            default -> UsageException.check(IGNORED.containsKey(key), "%s: unknown key '%s' (hyla4j keys: attention, seed, %s, task_opt.KEY; "
                    + "the paper's: config, config.seed, %s, config.data.num_train)", file, key, Setting.sweepKeyList(s -> s.sweepKeys().stream()
                    .limit(1).toList()), Setting.sweepKeyList(s -> s.spec().paperKeys()));
        }
    }

    /** The paper's {@code configs/FILE.py:NAME;MODEL}: the task and its options from NAME, the variant from MODEL. */
    private static void paperConfig(Path file, JsonNode value, Target t) {
        String s = Setting.name(value, file + ": key 'config'");
        Matcher m = PAPER_CONFIG.matcher(s);
        UsageException.check(m.matches(), "%s: key 'config' value '%s': expected configs/FILE.py:NAME;MODEL, e.g. "
                + "configs/logic.py:logic_4var_2term;linear_hypatt", file, s);
        RunSettings b = t.builder;
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
}
