package org.hyla4j.runner.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.hyla4j.runner.config.Experiment;

/**
 * What a paired HYLA − softmax comparison says, written the same way on every page that has one ({@code compare},
 * {@code sweep}, {@code reproduce}): the difference with its 95 % interval and {@link PaperComparison#verdict}; and, for runs
 * below the paper's budget, that they do not test the paper's claim at its setting, and where hyla4j's paper-budget result is.
 */
public final class Verdict {

    private Verdict() {
    }

    /**
     * A headline metric as a verdict reads it: its key (e.g. {@code test/r2}), whether larger is better, and whether it is a
     * fraction of 1, printed as points (×100), or a quantity printed in its own units (perplexity).
     */
    public record Metric(String key, boolean higherIsBetter, boolean fraction) {

        /** {@code x} as the page prints it: points for a fraction, as it is otherwise. */
        String format(double x) {
            return fraction ? String.format(Locale.ROOT, "%+.2f", 100 * x) : String.format(Locale.ROOT, "%+.4f", x);
        }

        /**
         * Whether {@link #learned}'s rule (more than {@link PaperComparison#LEARNED_MARGIN} points above a baseline) can judge
         * this metric: only a fraction where larger is better.
         */
        public boolean judgesLearned() {
            return fraction && higherIsBetter;
        }
    }

    /**
     * One line: {@code HYLA − softmax on `test/r2`, paired over 3 seed(s): +17.33 (95 % CI [+11.08, +23.58]; the paper: +17.85).
     * HYLA's advantage **reproduced** ...}. For a metric where smaller is better (perplexity) the verdict reads the difference
     * the other way round: HYLA is ahead when HYLA − softmax is below 0.
     *
     * @param where where the pair sits when a page has several (e.g. {@code in seq_len=16}), or empty
     * @param d the paired difference HYLA − softmax of {@code headline}
     * @param headline the metric compared
     * @param learned per variant, whether it has learned the task in distribution (empty: unknown)
     * @param baselineName the baseline that decides {@code learned}, e.g. {@code the 3-NN baseline}
     * @param paperDifference the paper's HYLA − softmax (×100), or NaN when the page's setting is not the paper's
     */
    public static String line(String where, Stats.Summary d, Metric headline, Map<String, Boolean> learned, String baselineName,
            double paperDifference) {
        if (d == null || d.n() == 0) {
            return String.format(Locale.ROOT, "HYLA − softmax on `%s`%s: no seed has finished for both yet.%n", headline.key(), where);
        }
        String ci = Double.isNaN(d.ciLow()) ? "n/a" : "[" + headline.format(d.ciLow()) + ", " + headline.format(d.ciHigh()) + "]";
        String paper = Double.isNaN(paperDifference) ? "" : String.format(Locale.ROOT, "; the paper: %+.2f", paperDifference);
        Stats.Summary ahead = headline.higherIsBetter() ? d : new Stats.Summary(d.n(), -d.mean(), d.se(), -d.ciHigh(), -d.ciLow());
        String lower = headline.higherIsBetter() ? "" : "; lower is better";
        return String.format(Locale.ROOT, "HYLA − softmax on `%s`%s, paired over %d seed(s): %s (95 %% CI %s%s%s). %s.%n", headline.key(), where,
                d.n(), headline.format(d.mean()), ci, paper, lower, PaperComparison.verdict(ahead, learned, baselineName));
    }

    /**
     * Per variant, whether it has learned the task: its in-distribution mean more than {@link PaperComparison#LEARNED_MARGIN}
     * above {@code baseline}; empty when the baseline is unknown (NaN).
     */
    public static Map<String, Boolean> learned(Iterable<String> variants, ToDoubleFunction<String> inDistributionMean, double baseline) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        if (!Double.isNaN(baseline)) {
            for (String v : variants) {
                out.put(v, PaperComparison.learned(inDistributionMean.applyAsDouble(v), baseline));
            }
        }
        return out;
    }

    /**
     * For runs of {@code steps} below the paper's budget, a paragraph that says so and where hyla4j's paper-budget result is;
     * for runs in another setting than the paper's experiment ({@code otherSetting}: how, or null when the same), a paragraph
     * that says that instead, as their steps are no share of the paper's; empty at the paper's budget and setting or when the
     * task has no paper experiment.
     */
    public static String belowBudget(long steps, Experiment experiment, String otherSetting) {
        if (experiment == null || steps >= experiment.paper().steps() && otherSetting == null) {
            return "";
        }
        Experiment.Paper paper = experiment.paper();
        String published = paper.published() == null ? "not published yet" : paper.published();
        if (otherSetting != null) {
            // steps of another batch, sequence length or learning rate are no share of the paper's budget
            return String.format(Locale.ROOT, "%n**Not the paper's setting.** These runs trained %,d steps in another setting than the paper's "
                    + "experiment (%s: %s): %s. They do not test the paper's claim, and their steps are no share of its %,d: a difference, "
                    + "or its absence, holds for this setting and budget only. hyla4j in the paper's setting at its budget: %s; or run it with "
                    + "`hyla4j reproduce --experiment %s --budget paper`.%n", steps, experiment.name(), experiment.description(), otherSetting,
                    paper.steps(), published, experiment.name());
        }
        return String.format(Locale.ROOT, "%n**Below the paper's budget.** These runs trained %,d steps, %.1f %% of the %,d of the paper's "
                + "experiment (%s: %s), so they do not test the paper's claim: a difference, or its absence, holds for this budget only. "
                + "hyla4j at the paper's budget: %s; or run it with `hyla4j reproduce --experiment %s --budget paper`.%n", steps,
                100.0 * steps / paper.steps(), paper.steps(), experiment.name(), experiment.description(), published, experiment.name());
    }
}
