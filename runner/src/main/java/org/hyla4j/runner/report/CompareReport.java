package org.hyla4j.runner.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hyla4j.runner.config.Experiment;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.api.UsageException;
import org.hyla4j.core.io.AtomicFile;
import org.hyla4j.runner.run.MetricsLog;
import org.hyla4j.runner.run.RunResult;
import org.hyla4j.runner.run.RunService;

/**
 * The report of a paired comparison: per variant mean ± SE over seeds of every final metric, paired
 * differences with 95 % t intervals on the headline metric, parameter counts and wall time, as
 * {@code report.md} and {@code report.csv}, plus PNG learning curves and final-metric bars.
 */
public final class CompareReport {

    /**
     * One finished run with its logged curves.
     *
     * @param result final numbers
     * @param log every record of its {@code metrics.jsonl}
     */
    public record Run(RunResult result, List<JsonNode> log) {

        /** The finished run in {@code dir}: its result and its metrics log. */
        public static Run read(Path dir) {
            RunResult r = RunService.finished(dir);
            UsageException.check(r != null, "%s has no result: the run has not finished", dir);
            try {
                return new Run(r, MetricsLog.read(dir.resolve(MetricsLog.FILE)));
            } catch (IOException e) {
                throw new UsageException("cannot read " + dir.resolve(MetricsLog.FILE) + ": " + e.getMessage());
            }
        }

        /**
         * The shares of the run's wall time spent evaluating and writing checkpoints, {eval, checkpoint}, from its own log;
         * null when the log predates timing them.
         */
        public double[] overhead() {
            double eval = 0;
            double checkpoint = 0;
            double wall = 0;
            boolean timed = false;
            for (JsonNode n : log) {
                eval += n.path(MetricsLog.EVAL_SECONDS).asDouble(0);
                checkpoint += n.path(MetricsLog.CHECKPOINT_SECONDS).asDouble(0);
                timed |= n.has(MetricsLog.EVAL_SECONDS);
                wall = Math.max(wall, n.path("wall_s").asDouble(0));
            }
            return timed && wall > 0 ? new double[] {eval / wall, checkpoint / wall} : null;
        }
    }

    /** One sentence on the evaluation and checkpoint share of the runs' wall time, or none when no run timed them. */
    String overhead() {
        List<double[]> shares = runs.values().stream().flatMap(m -> m.values().stream()).map(Run::overhead).filter(java.util.Objects::nonNull)
                .toList();
        if (shares.isEmpty()) {
            return "";
        }
        double eval = shares.stream().mapToDouble(s -> s[0]).average().orElse(Double.NaN);
        double checkpoint = shares.stream().mapToDouble(s -> s[1]).average().orElse(Double.NaN);
        double worst = shares.stream().mapToDouble(s -> s[0] + s[1]).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%nEvaluation took %.1f %% and checkpoints %.1f %% of the training wall time (mean over %d runs, "
                + "from each run's metrics.jsonl; at most %.1f %% together in one run).%n", 100 * eval, 100 * checkpoint, shares.size(), 100 * worst);
    }

    private final RunConfig config;
    private final Experiment context;
    private final boolean paperSetting;
    private final String headline;
    private final String inDistribution;
    private final Map<String, Map<Long, Run>> runs = new LinkedHashMap<>();

    /**
     * @param headline metric key of the paper's "OOD" number, e.g. {@code test/r2}
     * @param inDistribution metric key of the in-distribution number, or null
     * @param context the paper's experiment for this task (its baseline judges whether a variant has learned the task, its
     *     budget whether the runs test the paper's claim), or null when the paper has none
     * @param paperSetting whether the runs use the experiment's own settings (as {@code reproduce}'s do), so that the paper's
     *     HYLA − softmax is printed beside the measured one
     */
    public CompareReport(RunConfig config, String headline, String inDistribution, List<Run> all, Experiment context, boolean paperSetting) {
        this.config = config;
        this.context = context;
        this.paperSetting = paperSetting;
        this.headline = headline;
        this.inDistribution = inDistribution;
        for (String a : config.attention()) {
            runs.put(a, new TreeMap<>());
        }
        for (Run r : all) {
            runs.computeIfAbsent(r.result().attention(), k -> new TreeMap<>()).put(r.result().seed(), r);
        }
    }

    private List<String> metricKeys() {
        Set<String> keys = new LinkedHashSet<>();
        runs.values().forEach(m -> m.values().forEach(r -> keys.addAll(r.result().metrics().keySet())));
        List<String> sorted = new ArrayList<>(keys);
        String metric = headline.substring(headline.indexOf('/') + 1);
        // headline first, then in-distribution, then the headline metric on other splits, then the rest
        sorted.sort(java.util.Comparator.comparingInt((String k) -> k.equals(headline) ? 0 : k.equals(inDistribution) ? 1
                : k.endsWith("/" + metric) ? 2 : 3).thenComparing(k -> k));
        return sorted;
    }

    private double[] values(String variant, String key) {
        return runs.get(variant).values().stream().mapToDouble(r -> r.result().metrics().getOrDefault(key, Double.NaN)).toArray();
    }

    /** The configuration the report covers (for an interim report, only the seeds that finished). */
    public RunConfig config() {
        return config;
    }

    /** Summary of a metric for a variant. */
    public Stats.Summary summary(String variant, String key) {
        return Stats.summarize(values(variant, key));
    }

    /** Paired difference a − b on {@code key} over the seeds both have. */
    public Stats.Summary paired(String a, String b, String key) {
        List<Long> common = new ArrayList<>(runs.get(a).keySet());
        common.retainAll(runs.get(b).keySet());
        double[] x = common.stream().mapToDouble(s -> runs.get(a).get(s).result().metrics().getOrDefault(key, Double.NaN)).toArray();
        double[] y = common.stream().mapToDouble(s -> runs.get(b).get(s).result().metrics().getOrDefault(key, Double.NaN)).toArray();
        return Stats.paired(x, y);
    }

    static String pm(Stats.Summary s) {
        if (Double.isNaN(s.mean())) {
            return "n/a";
        }
        return Double.isNaN(s.se()) ? String.format(Locale.ROOT, "%.4f", s.mean()) : String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.se());
    }

    /** Writes report.md, report.csv and the PNGs into {@code dir}. */
    public void write(Path dir) {
        List<String> keys = metricKeys();
        try {
            AtomicFile.writeString(dir.resolve("report.md"), markdown(keys));
            AtomicFile.writeString(dir.resolve("report.csv"), csv(keys));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report in " + dir + ": " + e.getMessage(), e);
        }
        plots(dir, keys);
    }

    /** The device setting and, once runs have finished, the devices they actually used, e.g. {@code auto (used: cpu())}. */
    private String devices() {
        String used = runs.values().stream().flatMap(m -> m.values().stream()).map(r -> r.result().device()).distinct().sorted()
                .collect(java.util.stream.Collectors.joining(", "));
        return used.isEmpty() ? config.device() : config.device() + " (used: " + used + ")";
    }

    String markdown(List<String> keys) {
        StringBuilder md = new StringBuilder();
        int seeds = runs.values().stream().mapToInt(Map::size).max().orElse(0);
        md.append("# hyla4j comparison: ").append(config.task()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Preset `%s`: %d steps, batch %d, lr %s, weight decay %s, warm-up %d; %d layers, D %d, "
                + "%d heads, qk %d, v %d, MLP %d, attention dropout %s; task options %s; seeds %s; %d threads, device %s.%n%n",
                config.preset(), config.steps(), config.batch(), config.lr(), config.weightDecay(), config.warmup(), config.layers(),
                config.modelDim(), config.heads() * config.width(), config.qkDim(), config.vDim(), config.mlpDim(), config.attentionDropout(),
                new TreeMap<>(config.taskOptions()), config.seeds(), config.threads(), devices()));
        md.append("Headline metric: `").append(headline).append("` (the paper's \"OOD\" number for this task).");
        if (inDistribution != null) {
            md.append(" In-distribution: `").append(inDistribution).append("`.");
        }
        md.append("\n\n## Final metrics (mean ± standard error over ").append(seeds).append(" seeds)\n\n");
        md.append("| variant | params | ").append(String.join(" | ", keys)).append(" | wall s/run |\n");
        md.append("|---|---:|").append("---:|".repeat(keys.size())).append("---:|\n");
        for (String v : runs.keySet()) {
            Map<Long, Run> rs = runs.get(v);
            long params = rs.values().stream().mapToLong(r -> r.result().parameters()).max().orElse(0);
            double wall = rs.values().stream().mapToDouble(r -> r.result().wallSeconds()).average().orElse(Double.NaN);
            md.append("| ").append(v).append(" | ").append(String.format(Locale.ROOT, "%,d", params));
            for (String k : keys) {
                md.append(" | ").append(pm(summary(v, k)));
            }
            md.append(String.format(Locale.ROOT, " | %.0f |%n", wall));
        }
        Map<String, Double> baselines = baselines();
        if (!baselines.isEmpty()) {
            md.append("\nTrivial baselines on the same evaluation sets (mean over seeds): ");
            List<String> parts = new ArrayList<>();
            baselines.forEach((k, val) -> parts.add(String.format(Locale.ROOT, "`%s` %.4f", k, val)));
            md.append(String.join(", ", parts)).append(".\n");
        }
        md.append(overhead());
        for (String key : inDistribution == null ? List.of(headline) : List.of(headline, inDistribution)) {
            md.append("\n## Paired differences on `").append(key).append("` (same seeds, 95 % t interval)\n\n");
            md.append("| A − B | mean | 95 % CI | n |\n|---|---:|---|---:|\n");
            List<String> vs = new ArrayList<>(runs.keySet());
            for (int i = 0; i < vs.size(); i++) {
                for (int j = i + 1; j < vs.size(); j++) {
                    Stats.Summary d = paired(vs.get(i), vs.get(j), key);
                    String ci = Double.isNaN(d.ciLow()) ? "n/a (needs ≥ 2 seeds)"
                            : String.format(Locale.ROOT, "[%.4f, %.4f]", d.ciLow(), d.ciHigh());
                    md.append(String.format(Locale.ROOT, "| %s − %s | %.4f | %s | %d |%n", vs.get(i), vs.get(j), d.mean(), ci, d.n()));
                }
            }
        }
        md.append(verdictSection());
        md.append("\n## Plots\n\n![training loss](learning_curves.png)\n\n![").append(headline)
                .append("](eval_curves.png)\n\n![final metrics](final_metrics.png)\n");
        return md.toString();
    }

    /**
     * "What this comparison says": the verdict on HYLA − softmax on the headline metric (when both ran) and, below the paper's
     * budget, that the runs do not test the paper's claim and where hyla4j's paper-budget result is; empty when neither applies.
     */
    public String verdictSection() {
        StringBuilder md = new StringBuilder();
        if (runs.containsKey(PaperComparison.HYLA) && runs.containsKey(PaperComparison.SOFTMAX)) {
            Map<String, Boolean> learned = Map.of();
            String baselineName = "a baseline";
            double paperDifference = Double.NaN;
            if (context != null) {
                Experiment.Paper paper = context.paper();
                baselineName = "the " + paper.baseline().name();
                Double base = inDistribution == null ? null : baselines().get(PaperComparison.split(inDistribution) + "/" + paper.baseline().key());
                learned = Verdict.learned(runs.keySet(), v -> summary(v, inDistribution).mean(), base == null ? Double.NaN : base);
                double[] h = paper.numbers().get(PaperComparison.HYLA);
                double[] s = paper.numbers().get(PaperComparison.SOFTMAX);
                paperDifference = paperSetting && h != null && s != null ? h[0] - s[0] : Double.NaN;
            }
            md.append(Verdict.line("", paired(PaperComparison.HYLA, PaperComparison.SOFTMAX, headline), headline, learned, baselineName,
                    paperDifference));
        }
        md.append(Verdict.belowBudget(config.steps(), context));
        return md.length() == 0 ? "" : "\n## What this comparison says\n\n" + md.toString().stripLeading();
    }

    /** Mean over all runs of every baseline metric (e.g. {@code test/baseline_3nn_r2}). */
    public Map<String, Double> baselines() {
        Map<String, Double> sum = new TreeMap<>();
        Map<String, Integer> count = new TreeMap<>();
        runs.values().forEach(m -> m.values().forEach(r -> {
            if (r.result().baselines() != null) {
                r.result().baselines().forEach((k, v) -> {
                    sum.merge(k, v, Double::sum);
                    count.merge(k, 1, Integer::sum);
                });
            }
        }));
        Map<String, Double> out = new TreeMap<>();
        sum.forEach((k, v) -> out.put(k, v / count.get(k)));
        return out;
    }

    String csv(List<String> keys) {
        StringBuilder csv = new StringBuilder("variant,metric,n,mean,se,ci95_low,ci95_high,parameters\n");
        for (String v : runs.keySet()) {
            long params = runs.get(v).values().stream().mapToLong(r -> r.result().parameters()).max().orElse(0);
            for (String k : keys) {
                Stats.Summary s = summary(v, k);
                csv.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%s,%s,%d%n", v, k, s.n(), num(s.mean()), num(s.se()), num(s.ciLow()),
                        num(s.ciHigh()), params));
            }
        }
        return csv.toString();
    }

    private static String num(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.6f", d);
    }

    /** Mean and SE over seeds of a logged field at each logged step: (steps, means, ses). */
    double[][] curve(String variant, String type, String field) {
        TreeMap<Long, List<Double>> bySteps = new TreeMap<>();
        for (Run r : runs.get(variant).values()) {
            for (JsonNode n : r.log()) {
                if (type.equals(n.path("type").asText()) && n.has(field)) {
                    bySteps.computeIfAbsent(n.path("step").asLong(), s -> new ArrayList<>()).add(n.path(field).asDouble());
                }
            }
        }
        return Stats.byStep(bySteps);
    }

    private void plots(Path dir, List<String> keys) {
        Map<String, double[][]> loss = new LinkedHashMap<>();
        Map<String, double[][]> eval = new LinkedHashMap<>();
        for (String v : runs.keySet()) {
            double[][] c = curve(v, "train", "loss");
            if (c[0].length > 0) {
                loss.put(v, c);
            }
            double[][] e = curve(v, "eval", headline);
            if (e[0].length > 0) {
                eval.put(v, e);
            }
        }
        String task = config.task();
        if (!loss.isEmpty()) {
            Plots.curves(dir.resolve("learning_curves.png"), task + ": training loss (mean ± SE over seeds)", "step", "loss", loss, true);
        }
        if (!eval.isEmpty()) {
            Plots.curves(dir.resolve("eval_curves.png"), task + ": " + headline + " during training (mean ± SE over seeds)", "step",
                    headline, eval, false);
        }
        List<String> variants = new ArrayList<>(runs.keySet());
        Map<String, double[][]> groups = new LinkedHashMap<>();
        String metric = headline.substring(headline.indexOf('/') + 1);
        for (String k : keys) {
            if (k.endsWith("/" + metric)) {
                double[] mean = new double[variants.size()];
                double[] se = new double[variants.size()];
                for (int i = 0; i < variants.size(); i++) {
                    Stats.Summary s = summary(variants.get(i), k);
                    mean[i] = Double.isNaN(s.mean()) ? 0 : s.mean();
                    se[i] = s.se();
                }
                groups.put(k, new double[][] {mean, se});
            }
        }
        if (!groups.isEmpty()) {
            Plots.bars(dir.resolve("final_metrics.png"), task + ": final " + metric + " per split (mean ± SE over seeds)", metric,
                    variants, groups);
        }
    }
}
