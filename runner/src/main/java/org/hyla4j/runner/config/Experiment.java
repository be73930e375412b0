package org.hyla4j.runner.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The paper's side of a sweep file ({@code paper:}): the experiment's name and setting in words, and the paper's numbers that
 * the report prints beside the measured ones. The experiments themselves (settings, variants, seeds, named budgets) are sweep
 * files; the built-in ones are {@code experiments/NAME.yaml} on the class path (see {@code SweepFile#load}).
 *
 * @param name short name, e.g. {@code fuzzy-a1}
 * @param description one line on the setting
 * @param paper the paper's setting and numbers
 */
public record Experiment(String name, String description, Paper paper) {

    /**
     * The paper's side.
     *
     * @param steps the paper's training steps
     * @param evalExamples the paper's evaluation-set size
     * @param what the headline number in words, e.g. {@code held-out-combination R² (`test/r2`)}
     * @param baseline the trivial baseline the report compares against
     * @param columns further per-variant metrics to show (OOD and in distribution), with their chance level
     * @param numbers variant id → {mean, SE} ×100
     * @param published where hyla4j's own result at the paper's budget is published (a path in the hyla4j repository and what it
     *     holds), or null when there is none yet; a report below the paper's budget points there
     * @param code the paper's own code run at the paper's setting, or null when it has not been
     */
    public record Paper(int steps, @JsonProperty("eval_examples") int evalExamples, String what, Baseline baseline, List<Column> columns,
            Map<String, double[]> numbers, String published, Code code) {

        public Paper {
            columns = columns == null ? List.of() : columns;
        }
    }

    /**
     * The paper's own code, run unchanged at the paper's setting: the strongest reference a measured number has, as the paper's
     * table reports means over seeds whose spread hides how close a reimplementation is.
     *
     * @param source who ran it, where and how, in words
     * @param steps its training steps; a report compares with it only at that budget
     * @param numbers variant id → seed → the headline number ×100, as measured; the report computes each variant's mean and
     *     range from them, so a rounded summary cannot stand in for the measurements
     * @param bySeed the same code run again seed by seed on the same splits as hyla4j's seeds, or null when it has not been
     */
    public record Code(String source, int steps, Map<String, Map<Long, Double>> numbers, @JsonProperty("by_seed") BySeed bySeed) {

        public Code {
            numbers = numbers == null ? Map.of() : numbers;
        }
    }

    /**
     * The paper's own code seed by seed: seed s of the paper's code trains and evaluates on the split that seed s of a hyla4j
     * run under the paper's split uses, so its number sits beside that seed's.
     *
     * @param source who ran it, where and how, in words
     * @param taskOptions the task options a hyla4j run needs to be on the splits it ran on (fuzzy logic: {@code split: jax});
     *     a run without them gets no number beside it
     * @param numbers variant id → seed → the headline number ×100, for the runs that have finished
     */
    public record BySeed(String source, @JsonProperty("task_opt") Map<String, String> taskOptions, Map<String, Map<Long, Double>> numbers) {

        public BySeed {
            taskOptions = taskOptions == null ? Map.of() : taskOptions;
            numbers = numbers == null ? Map.of() : numbers;
        }
    }

    /**
     * A trivial baseline.
     *
     * @param name how the report names it, e.g. {@code 3-NN baseline}
     * @param key its metric name in a run's baselines, e.g. {@code baseline_3nn_r2}
     */
    public record Baseline(String name, String key) {
    }

    /**
     * A further metric column.
     *
     * @param metric metric name, e.g. {@code acc_per_feature}
     * @param label how the report names it
     * @param chance its chance level
     */
    public record Column(String metric, String label, double chance) {
    }
}
