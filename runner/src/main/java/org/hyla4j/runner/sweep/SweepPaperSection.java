package org.hyla4j.runner.sweep;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hyla4j.runner.config.Experiment;
import org.hyla4j.runner.report.PaperComparison;
import org.hyla4j.runner.report.Stats;
import org.hyla4j.runner.report.Verdict;

/** The paper section of a sweep's report (a sweep file with {@code paper:}), and the verdicts of a sweep without one. */
final class SweepPaperSection {

    private SweepPaperSection() {
    }

    /**
     * The paper's numbers beside the finished runs' (×100), and per cell HYLA − softmax over their shared seeds with the
     * verdict of a {@code reproduce} report ({@link PaperComparison#verdict}).
     */
    static String markdown(SweepReport r, Experiment.Paper paper, Map<String, Map<String, Map<Long, Double>>> head,
            Map<String, Map<String, Map<Long, Double>>> in) {
        LongSummaryStatistics steps = r.sweep.points().stream().mapToLong(p -> p.run().config().steps()).summaryStatistics();
        String budget = steps.getMin() == steps.getMax()
                ? String.format(Locale.ROOT, "%,d steps (%.0f %% of the paper's %,d)", steps.getMax(), 100.0 * steps.getMax() / paper.steps(),
                        paper.steps())
                : String.format(Locale.ROOT, "%,d to %,d steps (the paper: %,d)", steps.getMin(), steps.getMax(), paper.steps());
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n## Paper vs measured%n%nThe paper's %s, mean ± SE over its "
                + "3 seeds, beside this sweep's at %s: ×100, mean ± SE over the seeds finished.%n%n"
                + "| cell | variant | paper | measured | seeds | measured in-distribution (`%s`) |%n|---|---|---:|---:|---:|---:|%n",
                paper.what(), budget, r.inDistribution));
        Map<String, Map<String, Map<Long, Double>>> cells = head.isEmpty() ? Map.of("all", Map.of()) : head;
        String baseHeadKey = PaperComparison.split(r.headline) + "/" + paper.baseline().key();
        String baseInKey = PaperComparison.split(r.inDistribution) + "/" + paper.baseline().key();
        Map<String, Map<String, Boolean>> learned = new LinkedHashMap<>();
        cells.forEach((cell, byVariant) -> {
            for (String v : r.variants()) {
                double[] p = paper.numbers().get(v);
                Stats.Summary h = Stats.summarize(SweepReport.values(byVariant.get(v)));
                Stats.Summary i = Stats.summarize(SweepReport.values(in.getOrDefault(cell, Map.of()).get(v)));
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %s |%n", cell, v,
                        p == null ? "—" : String.format(Locale.ROOT, "%.2f ± %.2f", p[0], p[1]), pct(h), h.n(), pct(i)));
            }
            // the baseline of the finished runs' own evaluation sets (each run fits it on its seed's sets)
            Stats.Summary bh = Stats.summarize(baselines(r, cell, baseHeadKey));
            Stats.Summary bi = Stats.summarize(baselines(r, cell, baseInKey));
            if (bi.n() > 0) {
                md.append(String.format(Locale.ROOT, "| %s | %s, same evaluation sets | — | %s | %d | %s |%n", cell, paper.baseline().name(), pct(bh),
                        bi.n(), pct(bi)));
                Map<String, Boolean> l = new LinkedHashMap<>();
                for (String v : r.variants()) {
                    double[] ins = SweepReport.values(in.getOrDefault(cell, Map.of()).get(v));
                    if (ins.length > 0) {
                        l.put(v, PaperComparison.learned(Stats.summarize(ins).mean(), bi.mean()));
                    }
                }
                learned.put(cell, l);
            }
        });
        double[] ph = paper.numbers().get(PaperComparison.HYLA);
        double[] ps = paper.numbers().get(PaperComparison.SOFTMAX);
        String baselineName = "the " + paper.baseline().name();
        head.forEach((cell, byVariant) -> {
            Map<Long, Double> hyla = byVariant.get(PaperComparison.HYLA);
            Map<Long, Double> softmax = byVariant.get(PaperComparison.SOFTMAX);
            if (hyla == null || softmax == null || ph == null || ps == null) {
                return;
            }
            md.append('\n').append(Verdict.line(head.size() > 1 ? " in " + cell : "", SweepReport.paired(hyla, softmax), r.headlineMetric,
                    learned.getOrDefault(cell, Map.of()), baselineName, ph[0] - ps[0]));
        });
        if (learned.isEmpty()) {
            md.append("\nThe runs logged no " + paper.baseline().name() + ": whether a variant has learned the task in distribution is for "
                    + "the reader to judge from its in-distribution column.\n");
        } else {
            md.append(String.format(Locale.ROOT, "%nA variant counts as having learned the task when its in-distribution mean is more than %.0f "
                    + "points above %s; a difference between variants that have not says nothing about the paper's claim.%n",
                    100 * PaperComparison.LEARNED_MARGIN, baselineName));
        }
        md.append(columns(r, paper));
        md.append(againstTheCode(r, paper.code(), head, steps));
        md.append(whyTheyDiffer(r, paper, steps, learned));
        return md.toString();
    }

    /** The paper's further metrics (SRAVEN's per-feature accuracy), measured on both splits, beside chance; empty without any. */
    private static String columns(SweepReport r, Experiment.Paper paper) {
        if (paper.columns().isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n| cell | variant |");
        StringBuilder rule = new StringBuilder("|---|---|");
        List<Map<String, Map<String, Map<Long, Double>>>> values = new ArrayList<>();
        for (Experiment.Column c : paper.columns()) {
            md.append(' ').append(c.label()).append(", OOD | ").append(c.label()).append(", in-distribution |");
            rule.append("---:|---:|");
            values.add(r.byCell(PaperComparison.split(r.headline) + "/" + c.metric()));
            values.add(r.byCell(PaperComparison.split(r.inDistribution) + "/" + c.metric()));
        }
        md.append('\n').append(rule).append('\n');
        values.get(0).forEach((cell, byVariant) -> byVariant.keySet().forEach(v -> {
            md.append("| ").append(cell).append(" | ").append(v).append(" |");
            values.forEach(m -> md.append(' ').append(pct(Stats.summarize(SweepReport.values(m.get(cell).get(v))))).append(" |"));
            md.append('\n');
        }));
        md.append("| | chance |");
        paper.columns().forEach(c -> md.append(String.format(Locale.ROOT, " %.2f | %.2f |", 100 * c.chance(), 100 * c.chance())));
        return md.append('\n').toString();
    }

    /**
     * The paper's own code at the same budget beside the finished runs: where each variant's mean lies against the code's range
     * over its seeds, and, where the code was also run seed by seed on the same splits, its number beside each seed and the
     * per-seed differences; empty when the code was not run or was run at another budget.
     */
    static String againstTheCode(SweepReport r, Experiment.Code code, Map<String, Map<String, Map<Long, Double>>> head, LongSummaryStatistics steps) {
        if (code == null || steps.getMin() != code.steps() || steps.getMax() != code.steps()) {
            return "";
        }
        Experiment.BySeed perSeed = code.bySeed() == null ? new Experiment.BySeed("", null, null) : code.bySeed();
        Map<String, Map<Long, Double>> codeBySeed = perSeed.numbers();
        // the runs on the splits the paper's code ran on seed by seed: cell, variant, seed
        Set<List<String>> onItsSplits = new HashSet<>();
        for (Sweep.Point p : r.sweep.points()) {
            if (p.run().config().taskOptions().entrySet().containsAll(perSeed.taskOptions().entrySet())) {
                onItsSplits.add(List.of(r.cell(p), p.run().attention(), Long.toString(p.run().seed())));
            }
        }
        String bracket = codeBySeed.isEmpty() ? "" : "; in brackets, the paper's code on the same seed's split (" + perSeed.source()
                + (perSeed.taskOptions().isEmpty() ? "" : "; beside runs with task options " + perSeed.taskOptions() + " only") + ")";
        int seedsRun = code.numbers().values().stream().mapToInt(Map::size).max().orElse(0);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n### Against the paper's own code%n%nThe paper's code at these settings "
                + "(%s): ×100, its mean and range over its %d seeds, beside each finished seed here%s.%n%n"
                + "| cell | variant | paper's code: mean (range) | measured, by seed | measured mean | where the mean lies |%n"
                + "|---|---|---:|---|---:|---|%n", code.source(), seedsRun, bracket));
        StringBuilder differences = new StringBuilder();
        head.forEach((cell, byVariant) -> {
            for (String v : r.variants()) {
                Map<Long, Double> measuredByCode = code.numbers().getOrDefault(v, Map.of());
                Map<Long, Double> bySeed = byVariant.getOrDefault(v, Map.of());
                if (measuredByCode.isEmpty() || bySeed.isEmpty()) {
                    continue;
                }
                // its mean, lowest and highest, from the seeds as measured
                DoubleSummaryStatistics c = measuredByCode.values().stream().mapToDouble(Double::doubleValue).summaryStatistics();
                Map<Long, Double> codeSeeds = codeBySeed.getOrDefault(v, Map.of());
                double mean = 100 * Stats.summarize(SweepReport.values(bySeed)).mean();
                StringBuilder seeds = new StringBuilder();
                StringBuilder diffs = new StringBuilder();
                List<Double> paired = new ArrayList<>();
                new TreeMap<>(bySeed).forEach((seed, x) -> {
                    seeds.append(seeds.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "s%d %.2f", seed, 100 * x));
                    Double theirs = onItsSplits.contains(List.of(cell, v, Long.toString(seed))) ? codeSeeds.get(seed) : null;
                    if (theirs != null) {
                        double difference = 100 * x - theirs;
                        seeds.append(String.format(Locale.ROOT, " (%.2f)", theirs));
                        paired.add(difference);
                        diffs.append(diffs.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "s%d %+.2f", seed, difference));
                    }
                });
                String where = mean < c.getMin() ? String.format(Locale.ROOT, "**below** its range by %.2f", c.getMin() - mean)
                        : mean > c.getMax() ? String.format(Locale.ROOT, "**above** its range by %.2f", mean - c.getMax()) : "inside its range";
                md.append(String.format(Locale.ROOT, "| %s | %s | %.2f (%.2f–%.2f) | %s | %.2f | %s |%n", cell, v, c.getAverage(), c.getMin(), c.getMax(),
                        seeds, mean, where));
                if (!paired.isEmpty()) {
                    double meanDiff = paired.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                    int notRun = bySeed.size() - paired.size();
                    differences.append(String.format(Locale.ROOT, "* %s%s: measured − the paper's code on the same split, by seed: %s "
                            + "(mean %+.2f over %d seed(s))%s.%n", head.size() > 1 ? cell + ", " : "", v, diffs, meanDiff, paired.size(),
                            notRun == 0 ? "" : "; seeds the paper's code has not run here: " + notRun));
                }
            }
        });
        if (!differences.isEmpty()) {
            md.append('\n').append(differences);
        }
        return md.append("\nWith a few seeds on each side, a mean outside the other code's range can be one seed's draw as well as a "
                + "difference in training; docs/fidelity.md sets hyla4j's training against the paper's code on the same random streams.\n").toString();
    }

    /** The facts that explain a gap to the paper: budget, seeds, evaluation sets, which variants have learned, the correctness checks. */
    private static String whyTheyDiffer(SweepReport r, Experiment.Paper paper, LongSummaryStatistics steps, Map<String, Map<String, Boolean>> learned) {
        StringBuilder md = new StringBuilder("\n### Why measured and paper numbers can differ here\n\n");
        var first = r.sweep.points().get(0).run().config();
        md.append(String.format(Locale.ROOT, "* **Budget**: %,d of the paper's %,d steps (%.1f %%), batch %d, learning rate %s, warm-up %,d steps.%n",
                steps.getMax(), paper.steps(), 100.0 * steps.getMax() / paper.steps(), first.batch(), first.lr(), first.warmup()));
        long seeds = r.results.keySet().stream().mapToLong(p -> p.run().seed()).distinct().count(); // finished
        md.append(String.format(Locale.ROOT, "* **Seeds**: %d (the paper: 3)%s.%n", seeds,
                seeds < 3 ? "; with fewer than 3 the intervals are wide or missing" : "; a 95 % t interval over 3 seeds is still wide"));
        md.append(String.format(Locale.ROOT, "* **Evaluation sets**: %,d sequences per split (the paper: %,d): fewer add sampling noise to each "
                + "run's number, not bias, as the metrics are means over sequences.%n", first.evalExamples(), paper.evalExamples()));
        learned.forEach((cell, byVariant) -> {
            List<String> yes = byVariant.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
            List<String> no = byVariant.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
            md.append(String.format(Locale.ROOT, "* **Learned yet?**%s %s; not (yet): %s.%s%n", learned.size() > 1 ? " In " + cell + ":" : "",
                    yes.isEmpty() ? "none" : String.join(", ", yes), no.isEmpty() ? "none" : String.join(", ", no),
                    yes.isEmpty() ? " No variant has learned the task at this budget, so these runs cannot test HYLA's advantage." : ""));
        });
        md.append("* **A bug?** Every variant is checked in `mvn -B verify` against the golden values of docs/model.md §1.8 and against a "
                + "float64 per-(q, k) hypernetwork loop with finite-difference gradients (`GoldenForwardTest`, `NaiveReferenceTest`, "
                + "`TransformerReferenceTest`); AdamW, the schedule and the splits against hand-computed values; docs/fidelity.md sets "
                + "the training against the paper's own code.\n");
        return md.toString();
    }

    /**
     * Baseline {@code key} per seed in {@code cell}: the runs of one seed share their evaluation sets, so each seed counts once.
     */
    static double[] baselines(SweepReport r, String cell, String key) {
        Map<Long, Double> bySeed = new TreeMap<>();
        r.results.forEach((p, result) -> {
            if (r.cell(p).equals(cell) && result.baselines() != null && result.baselines().containsKey(key)) {
                bySeed.putIfAbsent(p.run().seed(), result.baselines().get(key));
            }
        });
        return bySeed.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String pct(Stats.Summary s) {
        if (s.n() == 0) {
            return "—";
        }
        return Double.isNaN(s.se()) ? String.format(Locale.ROOT, "%.2f", 100 * s.mean())
                : String.format(Locale.ROOT, "%.2f ± %.2f", 100 * s.mean(), 100 * s.se());
    }

    /**
     * Per cell, the verdict on HYLA − softmax of a sweep without {@code paper:}; whether a variant has learned the task is judged
     * against the baseline of the task's paper experiment ({@code context}), when there is one.
     */
    static String verdicts(SweepReport r, Experiment context, Map<String, Map<String, Map<Long, Double>>> head, Map<String, Map<String, Map<Long, Double>>> in) {
        StringBuilder md = new StringBuilder();
        head.forEach((cell, byVariant) -> {
            Map<Long, Double> hyla = byVariant.get(PaperComparison.HYLA);
            Map<Long, Double> softmax = byVariant.get(PaperComparison.SOFTMAX);
            if (hyla == null || softmax == null) {
                return;
            }
            Map<String, Boolean> learned = Map.of();
            String baselineName = "a baseline";
            if (context != null && r.headlineMetric.judgesLearned()) {
                baselineName = "the " + context.paper().baseline().name();
                double[] base = baselines(r, cell, PaperComparison.split(r.inDistribution) + "/" + context.paper().baseline().key());
                Map<String, Map<Long, Double>> ins = in.getOrDefault(cell, Map.of());
                learned = Verdict.learned(List.of(PaperComparison.HYLA, PaperComparison.SOFTMAX), v -> Stats.summarize(SweepReport.values(ins.get(v))).mean(),
                        base.length == 0 ? Double.NaN : Stats.summarize(base).mean());
            }
            md.append('\n').append(Verdict.line(head.size() > 1 ? " in " + cell : "", SweepReport.paired(hyla, softmax), r.headlineMetric, learned, baselineName,
                    Double.NaN));
        });
        return md.toString();
    }
}
