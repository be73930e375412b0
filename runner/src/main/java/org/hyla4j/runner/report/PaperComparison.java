package org.hyla4j.runner.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hyla4j.runner.config.Experiment;
import org.hyla4j.runner.config.RunConfig;

/**
 * The paper-vs-measured section of a {@code reproduce} report: the paper's numbers beside the measured ones, the baseline row,
 * and the facts that explain a gap; the verdict on HYLA's advantage over softmax ({@link #verdict}) is written by
 * {@link Verdict} on every page that compares the two. Everything experiment-specific comes
 * from the {@link Experiment.Paper} data.
 */
public final class PaperComparison {

    /** Points above the baseline, in distribution, that count as having learned the task. */
    public static final double LEARNED_MARGIN = 0.05;
    /** The variants whose difference the paper's claim is about. */
    public static final String HYLA = "linear_hypatt";
    public static final String SOFTMAX = "softmax_attention";

    private PaperComparison() {
    }

    /**
     * The section for a finished (or interim) comparison.
     *
     * @param report the comparison's report
     * @param headline metric key of the paper's number, e.g. {@code test/r2}
     * @param inDistribution metric key of the in-distribution number
     */
    public static String markdown(Experiment.Paper paper, CompareReport report, String headline, String inDistribution) {
        RunConfig config = report.config();
        Map<String, Double> baselines = report.baselines();
        Double baseHead = baselines.get(split(headline) + "/" + paper.baseline().key());
        Double baseIn = baselines.get(split(inDistribution) + "/" + paper.baseline().key());
        StringBuilder md = new StringBuilder("\n## Paper (Table A1) vs measured\n\n");
        md.append(String.format(Locale.ROOT, "Budget used: %,d steps × batch %d (%.1f %% of the paper's %,d steps), %d seed(s). "
                + "Numbers ×100, mean ± SE over seeds.%n%n", config.steps(), config.batch(), 100.0 * config.steps() / paper.steps(), paper.steps(),
                config.seeds().size()));
        md.append("| variant | paper: ").append(paper.what()).append(" | measured: same | measured in-distribution (`").append(inDistribution)
                .append("`) |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|---:|");
        for (Experiment.Column c : paper.columns()) {
            md.append(' ').append(c.label()).append(", OOD | ").append(c.label()).append(", in-distribution |");
            rule.append("---:|---:|");
        }
        md.append('\n').append(rule).append('\n');
        for (String v : config.attention()) {
            double[] p = paper.numbers().get(v);
            md.append("| ").append(v).append(" | ").append(p == null ? "—" : String.format(Locale.ROOT, "%.2f ± %.2f", p[0], p[1]))
                    .append(" | ").append(pct(report.summary(v, headline))).append(" | ").append(pct(report.summary(v, inDistribution))).append(" |");
            for (Experiment.Column c : paper.columns()) {
                md.append(' ').append(pct(report.summary(v, split(headline) + "/" + c.metric()))).append(" | ")
                        .append(pct(report.summary(v, split(inDistribution) + "/" + c.metric()))).append(" |");
            }
            md.append('\n');
        }
        md.append("| ").append(paper.baseline().name()).append(", same evaluation sets | — | ").append(pct(baseHead)).append(" | ")
                .append(pct(baseIn)).append(" |");
        for (Experiment.Column c : paper.columns()) {
            md.append(' ').append(pct(c.chance())).append(" | ").append(pct(c.chance())).append(" |");
        }
        md.append('\n');
        String baselineName = "the " + paper.baseline().name();
        Map<String, Boolean> learned = learned(report, inDistribution, baseIn);
        md.append(whyTheyDiffer(paper, report, inDistribution, baselineName, baseIn, learned));
        return md.toString();
    }

    /**
     * Whether HYLA's advantage over softmax reproduced. A difference between variants that have not learned the task in
     * distribution says nothing about the paper's claim, so that comes first; then one seed (no interval); then the interval.
     */
    public static String verdict(Stats.Summary d, Map<String, Boolean> learned, String baselineName) {
        if (Double.isNaN(d.mean())) {
            return "No seed has finished for both variants: no result yet";
        }
        List<String> notLearned = new ArrayList<>();
        for (String v : List.of(HYLA, SOFTMAX)) {
            if (Boolean.FALSE.equals(learned.get(v))) {
                notLearned.add(v);
            }
        }
        if (!notLearned.isEmpty()) {
            return "**Not testable at this budget**: " + String.join(" and ", notLearned) + (notLearned.size() == 1 ? " has" : " have")
                    + " not yet learned the task in distribution (not more than 5 points above " + baselineName
                    + "), so the difference says nothing about the paper's claim";
        }
        if (Double.isNaN(d.ciLow())) {
            return (d.mean() > 0 ? "HYLA is ahead" : "HYLA is not ahead") + ", but one seed gives no interval: **inconclusive**";
        }
        if (d.ciLow() > 0) {
            return "HYLA's advantage **reproduced** (the 95 % interval excludes 0)";
        }
        if (d.ciHigh() < 0) {
            return "HYLA's advantage **did not reproduce**: softmax is ahead (the 95 % interval excludes 0)";
        }
        return "**inconclusive**: the 95 % interval includes 0";
    }

    /** Per variant, whether its in-distribution mean is more than 5 points above the baseline; empty without a baseline. */
    private static Map<String, Boolean> learned(CompareReport report, String inDistribution, Double baseIn) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        if (baseIn != null) {
            for (String v : report.config().attention()) {
                out.put(v, learned(report.summary(v, inDistribution).mean(), baseIn));
            }
        }
        return out;
    }

    /** The facts that explain a gap to the paper: budget, seeds, evaluation sets, which variants have learned, the correctness checks. */
    private static String whyTheyDiffer(Experiment.Paper paper, CompareReport r, String inDistribution, String baselineName, Double baseIn,
            Map<String, Boolean> learned) {
        RunConfig config = r.config();
        StringBuilder md = new StringBuilder("\n### Why measured and paper numbers can differ here\n\n");
        md.append(String.format(Locale.ROOT, "* **Budget**: %,d of the paper's %,d steps (%.1f %%), at the paper's batch and learning rate, "
                + "warm-up %,d steps (the paper's, capped at a tenth of the run).%n", config.steps(), paper.steps(),
                100.0 * config.steps() / paper.steps(), config.warmup()));
        int seeds = config.seeds().size();
        md.append(String.format(Locale.ROOT, "* **Seeds**: %d (the paper: 3)%s.%n", seeds,
                seeds < 3 ? "; with fewer than 3 the intervals are wide or missing" : "; a 95 % t interval over 3 seeds is still wide"));
        md.append(String.format(Locale.ROOT, "* **Evaluation sets**: %,d sequences per split (the paper: %,d): fewer sequences add "
                + "sampling noise to each run's number, not bias, as the metrics are means over sequences.%n", config.evalExamples(),
                paper.evalExamples()));
        if (baseIn != null) {
            List<String> yes = new ArrayList<>();
            List<String> no = new ArrayList<>();
            for (String v : config.attention()) {
                (learned.get(v) ? yes : no).add(String.format(Locale.ROOT, "%s %.2f", v, 100 * r.summary(v, inDistribution).mean()));
            }
            md.append(String.format(Locale.ROOT, "* **Learned yet?** In distribution (`%s`), more than 5 points above %s (%.2f): %s; "
                    + "not (yet): %s.%s%n", inDistribution, baselineName, 100 * baseIn, yes.isEmpty() ? "none" : String.join(", ", yes),
                    no.isEmpty() ? "none" : String.join(", ", no), yes.isEmpty()
                            ? " No variant has learned the task at this budget, so this run cannot test HYLA's advantage." : ""));
        }
        md.append("* **A bug?** Every variant is checked in `mvn -B verify` against the golden values of docs/model.md §1.8 and against a "
                + "float64 per-(q, k) hypernetwork loop with finite-difference gradients (`GoldenForwardTest`, `NaiveReferenceTest`, "
                + "`TransformerReferenceTest`); AdamW, the schedule and the splits against hand-computed values.\n");
        return md.toString();
    }

    /** Whether a variant has learned the task: its in-distribution mean more than {@link #LEARNED_MARGIN} above the baseline's. */
    public static boolean learned(double inDistribution, double baseline) {
        return inDistribution > baseline + LEARNED_MARGIN;
    }

    /** The split of a metric key: {@code test} of {@code test/r2}. */
    public static String split(String metricKey) {
        return metricKey.substring(0, metricKey.indexOf('/'));
    }

    private static String pct(Double v) {
        return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.2f", 100 * v);
    }

    private static String pct(Stats.Summary s) {
        if (Double.isNaN(s.mean())) {
            return "n/a";
        }
        return Double.isNaN(s.se()) ? String.format(Locale.ROOT, "%.2f", 100 * s.mean())
                : String.format(Locale.ROOT, "%.2f ± %.2f", 100 * s.mean(), 100 * s.se());
    }
}
