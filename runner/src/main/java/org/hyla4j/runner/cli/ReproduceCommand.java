package org.hyla4j.runner.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hyla4j.api.UsageException;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.report.CompareReport;
import org.hyla4j.runner.report.PaperNumbers;
import org.hyla4j.runner.report.Stats;
import org.hyla4j.runner.run.CompareService;
import org.hyla4j.runner.run.RunConfig;
import org.hyla4j.runner.run.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hyla4j reproduce}: the paper's Table A1 comparison with the paper's settings, side by side with its numbers. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the paper's Table A1 comparison (fuzzy-a1: fuzzy logic, T = 32, 70 %% of combinations held out; "
                + "sraven-a1: SRAVEN, 4 layers, width 1) over 3 seeds (sraven-a1 small: 1) at a stated budget and write the report with the paper's "
                + "numbers beside the measured ones. Resumable: rerun the same command.")
public final class ReproduceCommand implements Callable<Integer> {

    static final List<String> MAIN = List.of("softmax_attention", "linear_attention", "linear_hypatt");
    static final List<String> ABLATIONS = List.of("linear_attention_rms_head", "linear_hypatt_no_rms_head", "linear_hypatt_mlp_linear",
            "linear_hypatt_mlp_linear_no_rms_head", "softmax_hypatt");

    @Option(names = "--experiment", required = true, paramLabel = "fuzzy-a1|sraven-a1", description = "Which column of Table A1.")
    String experiment;

    @Option(names = "--budget", defaultValue = "small", paramLabel = "small|medium|paper",
            description = "fuzzy-a1: 2,000 / 10,000 / 50,000 steps; sraven-a1: 2,000 (1 seed) / 20,000 / 156,250 steps; batch 128. "
                    + "Default ${DEFAULT-VALUE}.")
    String budget;

    @Option(names = "--variants", split = ",", paramLabel = "ID[,ID...]|all",
            description = "Variants (default softmax, linear, HYLA; 'all' adds the five ablations).")
    List<String> variants;

    @Option(names = "--seeds", split = ",", description = "Seeds (default 0,1,2; sraven-a1 small: 0).")
    List<Long> seeds;

    @Option(names = "--steps", description = "Override the budget's steps (for quick checks).")
    Integer steps;

    @Option(names = "--eval-examples", description = "Override the examples per evaluation split.")
    Integer evalExamples;

    @Option(names = "--threads", description = "Intra-op threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default runs/reproduce-EXPERIMENT-BUDGET).")
    Path out;

    @Mixin
    JobsOption jobs = new JobsOption();

    @Option(names = "--report-only", description = "Train nothing: write an interim report over the seeds whose runs have all finished.")
    boolean reportOnly;

    private final Catalog catalog;
    private final CompareService compare;
    private final Console console;

    @Inject
    ReproduceCommand(Catalog catalog, CompareService compare, Console console) {
        this.catalog = catalog;
        this.compare = compare;
        this.console = console;
    }

    @Override
    public Integer call() {
        UsageException.check(List.of("fuzzy-a1", "sraven-a1").contains(experiment), "unknown experiment '%s'; known: fuzzy-a1, sraven-a1",
                experiment);
        UsageException.check(List.of("small", "medium", "paper").contains(budget), "unknown budget '%s'; known: small, medium, paper", budget);
        boolean fuzzy = experiment.equals("fuzzy-a1");
        RunSettings s = new RunSettings();
        s.preset = "paper";
        s.task = fuzzy ? "fuzzylogic" : "sraven";
        s.attention = variants == null ? MAIN : variants.equals(List.of("all")) ? concat(MAIN, ABLATIONS) : variants;
        s.seeds = seeds != null ? seeds : !fuzzy && budget.equals("small") ? List.of(0L) : List.of(0L, 1L, 2L);
        int budgetSteps = fuzzy ? switch (budget) {
            case "small" -> 2_000;
            case "medium" -> 10_000;
            default -> 50_000;
        } : switch (budget) {
            case "small" -> 2_000;
            case "medium" -> 20_000;
            default -> 156_250;
        };
        s.steps = steps != null ? steps : budgetSteps;
        s.batch = 128;
        s.evalEvery = Math.max(1, s.steps / 5);
        s.evalExamples = evalExamples != null ? evalExamples : budget.equals("paper") ? (fuzzy ? 16_000 : 51_200) : 4_096;
        s.threads = threads;
        if (fuzzy) {
            s.seqLen = 32;
            s.fracTest = 0.7;
            s.warmup = Math.min(100, s.steps / 10);
        } else {
            s.warmup = Math.min(1000, s.steps / 10);
        }
        int n = jobs.resolve(s, s.attention.size() * s.seeds.size());
        RunConfig config = RunConfig.resolve(s, catalog);
        Path dir = out != null ? out : Path.of("runs", "reproduce-" + experiment + "-" + budget);
        CompareService.Outcome outcome = compare.compare(config, dir, false, n, reportOnly);
        String section = paperSection(outcome.report().config(), outcome, fuzzy, budgetSteps);
        CompareService.append(dir.resolve("report.md"), section);
        console.out().println("report: " + dir.resolve("report.md"));
        console.out().println(section);
        return Exits.OK;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The paper-vs-measured section, with a plain verdict on HYLA's advantage over softmax and why the numbers differ. */
    static String paperSection(RunConfig config, CompareService.Outcome o, boolean fuzzy, int paperBudgetSteps) {
        CompareReport r = o.report();
        Map<String, double[]> paper = fuzzy ? PaperNumbers.fuzzy() : PaperNumbers.sraven();
        int paperSteps = fuzzy ? 50_000 : 156_250;
        String baselineName = fuzzy ? "3-NN baseline" : "chance";
        String baselineKey = fuzzy ? "baseline_3nn_r2" : "baseline_chance_acc";
        Map<String, Double> baselines = r.baselines();
        Double baseHead = baselines.get(split(o.headline()) + "/" + baselineKey);
        Double baseIn = baselines.get(split(o.inDistribution()) + "/" + baselineKey);
        String perFeatureHead = split(o.headline()) + "/acc_per_feature";
        String perFeatureIn = split(o.inDistribution()) + "/acc_per_feature";
        StringBuilder md = new StringBuilder("\n## Paper (Table A1) vs measured\n\n");
        md.append(String.format(Locale.ROOT, "Budget used: %,d steps × batch %d (%.1f %% of the paper's %,d steps), %d seed(s). "
                + "Numbers ×100, mean ± SE over seeds.%n%n", config.steps(), config.batch(), 100.0 * config.steps() / paperSteps, paperSteps,
                config.seeds().size()));
        String what = fuzzy ? "held-out-combination R² (`test/r2`)" : "OOD accuracy (`ood/acc`)";
        md.append("| variant | paper: ").append(what).append(" | measured: same | measured in-distribution (`").append(o.inDistribution())
                .append("`) |");
        md.append(fuzzy ? "\n|---|---:|---:|---:|\n" : " per-feature accuracy, OOD | per-feature, in-distribution |\n|---|---:|---:|---:|---:|---:|\n");
        for (String v : config.attention()) {
            double[] p = paper.get(v);
            md.append("| ").append(v).append(" | ").append(p == null ? "—" : String.format(Locale.ROOT, "%.2f ± %.2f", p[0], p[1]))
                    .append(" | ").append(pct(r.summary(v, o.headline()))).append(" | ").append(pct(r.summary(v, o.inDistribution())))
                    .append(" |");
            if (!fuzzy) {
                md.append(' ').append(pct(r.summary(v, perFeatureHead))).append(" | ").append(pct(r.summary(v, perFeatureIn))).append(" |");
            }
            md.append('\n');
        }
        md.append("| ").append(baselineName).append(", same evaluation sets | — | ").append(pct(baseHead)).append(" | ").append(pct(baseIn))
                .append(fuzzy ? " |\n" : " | 12.50 | 12.50 |\n");
        Map<String, Boolean> learned = learned(config, o, baseIn);
        if (config.attention().containsAll(List.of("linear_hypatt", "softmax_attention"))) {
            Stats.Summary d = r.paired("linear_hypatt", "softmax_attention", o.headline());
            double paperGap = paper.get("linear_hypatt")[0] - paper.get("softmax_attention")[0];
            md.append(String.format(Locale.ROOT, "%nHYLA − softmax on %s: %+.2f (95 %% CI %s; paper %+.2f). %s.%n", what, 100 * d.mean(),
                    Double.isNaN(d.ciLow()) ? "n/a" : String.format(Locale.ROOT, "[%+.2f, %+.2f]", 100 * d.ciLow(), 100 * d.ciHigh()),
                    paperGap, verdict(d, learned, fuzzy ? "the 3-NN baseline" : "chance")));
        }
        md.append(whyTheyDiffer(config, o, paperSteps, fuzzy ? "the 3-NN baseline" : "chance", baseIn, learned, fuzzy ? 16_000 : 51_200));
        return md.toString();
    }

    /**
     * Whether HYLA's advantage over softmax reproduced. A difference between variants that have not learned the task in
     * distribution says nothing about the paper's claim, so that comes first; then one seed (no interval); then the interval.
     */
    static String verdict(Stats.Summary d, Map<String, Boolean> learned, String baselineName) {
        if (Double.isNaN(d.mean())) {
            return "No seed has finished for both variants: no result yet";
        }
        List<String> notLearned = new ArrayList<>();
        for (String v : List.of("linear_hypatt", "softmax_attention")) {
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
    private static Map<String, Boolean> learned(RunConfig config, CompareService.Outcome o, Double baseIn) {
        Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        if (baseIn != null) {
            for (String v : config.attention()) {
                double m = o.report().summary(v, o.inDistribution()).mean();
                out.put(v, m > baseIn + 0.05);
            }
        }
        return out;
    }

    /** The facts that explain a gap to the paper: budget, seeds, evaluation sets, which variants have learned, the correctness checks. */
    private static String whyTheyDiffer(RunConfig config, CompareService.Outcome o, int paperSteps, String baselineName, Double baseIn,
            Map<String, Boolean> learned, int paperEvalExamples) {
        CompareReport r = o.report();
        StringBuilder md = new StringBuilder("\n### Why measured and paper numbers can differ here\n\n");
        md.append(String.format(Locale.ROOT, "* **Budget**: %,d of the paper's %,d steps (%.1f %%), at the paper's batch and learning rate, "
                + "warm-up %,d steps (the paper's, capped at a tenth of the run).%n", config.steps(), paperSteps,
                100.0 * config.steps() / paperSteps, config.warmup()));
        int seeds = config.seeds().size();
        md.append(String.format(Locale.ROOT, "* **Seeds**: %d (the paper: 3)%s.%n", seeds,
                seeds < 3 ? "; with fewer than 3 the intervals are wide or missing" : "; a 95 % t interval over 3 seeds is still wide"));
        md.append(String.format(Locale.ROOT, "* **Evaluation sets**: %,d sequences per split (the paper: %,d): fewer sequences add "
                + "sampling noise to each run's number, not bias, as the metrics are means over sequences.%n", config.evalExamples(), paperEvalExamples));
        if (baseIn != null) {
            List<String> yes = new ArrayList<>();
            List<String> no = new ArrayList<>();
            for (String v : config.attention()) {
                (learned.get(v) ? yes : no).add(String.format(Locale.ROOT, "%s %.2f", v, 100 * r.summary(v, o.inDistribution()).mean()));
            }
            md.append(String.format(Locale.ROOT, "* **Learned yet?** In distribution (`%s`), more than 5 points above %s (%.2f): %s; "
                    + "not (yet): %s.%s%n", o.inDistribution(), baselineName, 100 * baseIn, yes.isEmpty() ? "none" : String.join(", ", yes),
                    no.isEmpty() ? "none" : String.join(", ", no), yes.isEmpty()
                            ? " No variant has learned the task at this budget, so this run cannot test HYLA's advantage." : ""));
        }
        md.append("* **A bug?** Every variant is checked in `mvn -B verify` against the golden values of the spec and against a float64 "
                + "per-(q, k) hypernetwork loop with finite-difference gradients (`GoldenForwardTest`, `NaiveReferenceTest`, "
                + "`TransformerReferenceTest`); AdamW, the schedule and the splits against hand-computed values.\n");
        return md.toString();
    }

    private static String split(String metricKey) {
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
