package org.hyla4j.runner.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.core.io.AtomicFile;
import org.hyla4j.core.train.Checkpoint;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.config.Experiment;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.report.HtmlReport;
import org.hyla4j.runner.report.PaperComparison;
import org.hyla4j.runner.report.Regime;
import org.hyla4j.runner.report.Stats;
import org.hyla4j.runner.report.Verdict;
import org.hyla4j.runner.run.MetricsLog;
import org.hyla4j.runner.run.RunResult;
import org.hyla4j.runner.run.RunService;

/**
 * The report of a sweep over its swept axes ({@code report.md}, {@code report.csv}, figures): per cell (a point of the grid
 * without its seed) the mean ± SE over seeds of the headline and in-distribution metrics; paired differences of every variant
 * against the reference variant (softmax attention when swept, else the first) over the seeds they share, per cell; with a
 * {@code paper:} experiment, the paper's numbers and the verdict on HYLA − softmax; both metrics during training; and the
 * headline metric against each swept axis, averaged over the seeds and the other axes, one line per variant.
 */
public final class SweepReport {

    /** Keys that pick the variant: runs that differ only in these are compared pairwise. */
    private static final Set<String> VARIANT_KEYS = Set.of("attention", "config");
    private static final Set<String> SEED_KEYS = Set.of("seed", "config.seed");

    final Sweep sweep;
    final Map<Sweep.Point, RunResult> results = new LinkedHashMap<>();
    final Map<Sweep.Point, Progress> partial = new LinkedHashMap<>();
    final String headline;
    /** {@link #headline} as a verdict reads it: which way is better, points or its own units. */
    final Verdict.Metric headlineMetric;
    final String inDistribution;
    final List<String> cellAxes;
    private final boolean configNamesVary;
    /** The regime line of report.md, from the planned runs' configuration. */
    private final String regime;

    /** Reads the result of every finished run of {@code sweep}. */
    public SweepReport(Sweep sweep, Catalog catalog) {
        this.sweep = sweep;
        for (Sweep.Point p : sweep.points()) {
            RunResult r = RunService.finished(p.run().dir());
            if (r != null) {
                results.put(p, r);
            }
        }
        Sweep.Point first = sweep.points().get(0);
        TaskInstance t = first.run().config().taskInstance(catalog, first.run().seed());
        headline = t.headlineSplit() + "/" + t.headlineMetric();
        headlineMetric = new Verdict.Metric(headline, t.headlineHigherIsBetter(), t.headlineIsFraction());
        inDistribution = t.inDistributionSplit() + "/" + t.headlineMetric();
        for (Sweep.Point p : sweep.points()) {
            if (!results.containsKey(p)) {
                Progress progress = Progress.of(p.run().dir(), headline, inDistribution);
                if (progress != null) {
                    partial.put(p, progress);
                }
            }
        }
        cellAxes = sweep.axes().stream().filter(a -> !SEED_KEYS.contains(a) && !VARIANT_KEYS.contains(a)).toList();
        Regime tally = new Regime(catalog);
        sweep.points().forEach(p -> tally.add(p.run().config(), p.run().seed()));
        regime = tally.markdown();
        configNamesVary = sweep.axisValues().getOrDefault("config", List.of()).stream().map(v -> v.substring(0, Math.max(0, v.indexOf(';'))))
                .distinct().count() > 1;
    }

    /** Runs with a result. */
    public int finished() {
        return results.size();
    }

    /** The headline metric key, e.g. {@code test/r2}. */
    public String headline() {
        return headline;
    }

    /**
     * A cell's label: its values of the non-seed, non-variant axes. The paper's {@code config} picks the variant and also the
     * task's configuration ({@code NAME} in {@code configs/FILE.py:NAME;MODEL}): when that part varies it belongs to the cell.
     */
    String cell(Sweep.Point p) {
        List<String> parts = new ArrayList<>();
        String config = p.axes().get("config");
        if (config != null && configNamesVary) {
            parts.add("config=" + config.substring(0, Math.max(0, config.indexOf(';'))));
        }
        cellAxes.forEach(a -> parts.add(a + "=" + p.axes().get(a)));
        return parts.isEmpty() ? "all" : String.join(", ", parts);
    }

    List<String> variants() {
        Set<String> v = new LinkedHashSet<>();
        sweep.points().forEach(p -> v.add(p.run().attention()));
        return new ArrayList<>(v);
    }

    /**
     * Where an unfinished run stands: the step of its last checkpoint (read from the metrics log, which drops records past
     * the checkpoint on resume), its last evaluation and the training rate it last logged (steps/s, NaN when none); null
     * when it has no checkpoint.
     */
    record Progress(long checkpointStep, long evalStep, double headline, double inDistribution, double stepsPerSecond) {

        /** Hours left from the checkpoint to {@code steps} at the last logged rate, or NaN without a rate. */
        double hoursLeft(long steps) {
            return stepsPerSecond > 0 ? Math.max(0, steps - checkpointStep) / stepsPerSecond / 3600 : Double.NaN;
        }

        static Progress of(Path dir, String headline, String inDistribution) {
            if (!Files.exists(dir.resolve(Checkpoint.FILE)) || !Files.exists(dir.resolve(MetricsLog.FILE))) {
                return null;
            }
            Map<String, JsonNode> last;
            try {
                last = MetricsLog.lastOfType(dir);
            } catch (IOException e) {
                return null; // unreadable: reported as not started, and the next submission sorts it out
            }
            long checkpoint = last.containsKey("checkpoint") ? last.get("checkpoint").path("step").asLong() : 0;
            JsonNode ev = last.get("eval");
            long eval = ev == null ? -1 : ev.path("step").asLong();
            double h = ev == null ? Double.NaN : ev.path(headline).asDouble(Double.NaN);
            double in = ev == null ? Double.NaN : ev.path(inDistribution).asDouble(Double.NaN);
            JsonNode train = last.get("train");
            double rate = train == null ? Double.NaN : train.path("steps_per_s").asDouble(Double.NaN);
            return new Progress(checkpoint, eval, h, in, rate);
        }
    }

    private static String fmt4(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.4f", v);
    }

    private String reference(List<String> variants) {
        return variants.contains("softmax_attention") ? "softmax_attention" : variants.get(0);
    }

    double metric(Sweep.Point p, String key) {
        RunResult r = results.get(p);
        return r == null ? Double.NaN : r.metrics().getOrDefault(key, Double.NaN);
    }

    /** {@code a − base} over the seeds both have; null when they share none. */
    static Stats.Summary paired(Map<Long, Double> a, Map<Long, Double> base) {
        List<Long> shared = a.keySet().stream().filter(base::containsKey).toList();
        return shared.isEmpty() ? null
                : Stats.paired(shared.stream().mapToDouble(a::get).toArray(), shared.stream().mapToDouble(base::get).toArray());
    }

    /** The cells' summaries: cell → variant → values of {@code key} by seed. */
    Map<String, Map<String, Map<Long, Double>>> byCell(String key) {
        Map<String, Map<String, Map<Long, Double>>> m = new LinkedHashMap<>();
        for (Sweep.Point p : sweep.points()) {
            if (results.containsKey(p)) {
                m.computeIfAbsent(cell(p), k -> new LinkedHashMap<>()).computeIfAbsent(p.run().attention(), k -> new TreeMap<>())
                        .put(p.run().seed(), metric(p, key));
            }
        }
        return m;
    }

    /** Writes report.md, report.csv, the plots and report.html into {@code out}; {@code failures} are listed in the report. */
    public void write(Path out, List<String> failures) {
        StringBuilder md = new StringBuilder();
        int total = sweep.points().size();
        md.append("# Sweep ").append(sweep.file().name()).append("\n\n");
        md.append(String.format(Locale.ROOT, "From `%s`: %d runs (%d finished, %d failed, %d in progress, %d not started).%s%n%n",
                sweep.file().source(), total, results.size(), failures.size(), partial.size(),
                Math.max(0, total - results.size() - failures.size() - partial.size()),
                sweep.repeats() > 0 ? " " + sweep.repeats() + " grid points repeat another's configuration and share its run." : ""));
        md.append(regime);
        md.append("Swept axes:\n\n");
        sweep.axisValues().forEach((k, v) -> md.append("- `").append(k).append("`: ").append(String.join(", ", v)).append('\n'));
        md.append(String.format(Locale.ROOT, "%nHeadline metric `%s` (held-out combinations), in-distribution `%s`; mean ± SE over seeds "
                + "(n = seeds finished).%n%n", headline, inDistribution));
        List<String> variants = variants();
        Map<String, Map<String, Map<Long, Double>>> head = byCell(headline);
        Map<String, Map<String, Map<Long, Double>>> in = byCell(inDistribution);
        md.append("| cell | variant | n | ").append(headline).append(" | ").append(inDistribution).append(" |\n|---|---|---|---|---|\n");
        head.forEach((cell, byVariant) -> byVariant.forEach((variant, seeds) -> {
            Stats.Summary h = Stats.summarize(values(seeds));
            Stats.Summary i = Stats.summarize(values(in.get(cell).get(variant)));
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s |%n", cell, variant, h.n(), pm(h), pm(i)));
        }));
        String ref = reference(variants);
        if (variants.size() > 1) {
            md.append(String.format(Locale.ROOT, "%n## Paired differences against %s%n%n%s of each variant minus %s on the same seed, per cell; "
                    + "mean with a 95 %% t interval over the seeds both have finished.%n%n| cell | variant − %s | seeds | mean | 95 %% interval |%n"
                    + "|---|---|---|---|---|%n", ref, headline, ref, ref));
            head.forEach((cell, byVariant) -> {
                Map<Long, Double> base = byVariant.get(ref);
                if (base == null) {
                    return;
                }
                byVariant.forEach((variant, seeds) -> {
                    if (variant.equals(ref)) {
                        return;
                    }
                    Stats.Summary d = paired(seeds, base);
                    if (d == null) {
                        md.append(String.format(Locale.ROOT, "| %s | %s | 0 | — | no seed finished by both |%n", cell, variant));
                        return;
                    }
                    md.append(String.format(Locale.ROOT, "| %s | %s | %d | %+.4f | %s |%n", cell, variant, d.n(), d.mean(),
                            Double.isNaN(d.ciLow()) ? "n < 2" : String.format(Locale.ROOT, "[%+.4f, %+.4f]", d.ciLow(), d.ciHigh())));
                });
            });
        }
        Experiment context = sweep.file().experiment() != null ? sweep.file().experiment()
                : SweepFile.forTask(sweep.points().get(0).run().config().task());
        if (sweep.file().paper() != null) {
            md.append(SweepPaperSection.markdown(this, sweep.file().paper(), head, in));
        } else if (ref.equals(PaperComparison.SOFTMAX) && variants.contains(PaperComparison.HYLA)) {
            md.append(SweepPaperSection.verdicts(this, context, head, in));
        }
        md.append(Verdict.belowBudget(sweep.points().stream().mapToLong(p -> p.run().config().steps()).max().orElse(0), context,
                otherSetting(sweep.points().get(0).run().config(), context)));
        md.append(SweepTables.finalMetrics(this));
        List<String> curves = SweepFigures.curves(this, out);
        if (!curves.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%n## During training%n%n%s and %s at each evaluation, and the training loss: per variant the "
                    + "mean ± SE over its finished runs (n in the legend), and each run in progress on its own.%n%n", headline, inDistribution));
            curves.forEach(f -> md.append("![").append(f).append("](").append(f).append(")\n"));
        }
        List<String> plotted = SweepFigures.plots(this, out);
        if (!plotted.isEmpty()) {
            md.append("\n## The headline metric against each swept axis\n\nMean over the seeds and the other axes, one line per variant.\n\n");
            plotted.forEach(f -> md.append("![").append(f).append("](").append(f).append(")\n"));
        }
        SweepFigures.finalBars(this, out).forEach(f -> md.append("\n![final metrics](").append(f).append(")\n"));
        if (!failures.isEmpty()) {
            md.append("\n## Failed runs\n\n");
            failures.forEach(f -> md.append("- ").append(f).append('\n'));
        }
        if (!partial.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%n## Runs in progress%n%nNot in the tables above. Their last checkpoint (where they resume), "
                    + "their last evaluation so far, the training rate each last logged and the hours its remaining steps take at that "
                    + "rate (a projection on the machine that trained it, as loaded as it was then):%n%n"
                    + "| run | checkpoint step | of | last evaluation at | %s | %s | steps/s | hours left |%n|---|---:|---:|---:|---:|---:|---:|---:|%n",
                    headline, inDistribution));
            partial.forEach((p, g) -> md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %s | %s | %s | %s | %s |%n", p.run().dir().getFileName(),
                    g.checkpointStep(), p.run().config().steps(), g.evalStep() < 0 ? "—" : String.format(Locale.ROOT, "%,d", g.evalStep()),
                    fmt4(g.headline()), fmt4(g.inDistribution()),
                    Double.isNaN(g.stepsPerSecond()) ? "—" : String.format(Locale.ROOT, "%.2f", g.stepsPerSecond()),
                    Double.isNaN(g.hoursLeft(p.run().config().steps())) ? "—" : String.format(Locale.ROOT, "%.1f", g.hoursLeft(p.run().config().steps())))));
        }
        List<String> missing = sweep.points().stream().filter(p -> !results.containsKey(p) && !partial.containsKey(p))
                .map(p -> p.run().dir().getFileName().toString()).toList();
        if (!missing.isEmpty()) {
            md.append("\n## Runs not started\n\n").append(missing.size()).append(" run(s): ")
                    .append(String.join(", ", missing.subList(0, Math.min(20, missing.size())))).append(missing.size() > 20 ? ", ..." : "")
                    .append('\n');
        }
        if (!missing.isEmpty() || !partial.isEmpty()) {
            md.append("\nRun the same command again to train them (finished runs are reused, interrupted ones resume from their checkpoint).\n");
        }
        try {
            AtomicFile.writeString(out.resolve("report.md"), md.toString());
            AtomicFile.writeString(out.resolve("report.csv"), String.join(System.lineSeparator(), SweepTables.runsCsv(this)) + System.lineSeparator());
            AtomicFile.writeString(out.resolve("summary.csv"), String.join(System.lineSeparator(), SweepTables.summaryCsv(this)) + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report in " + out + ": " + e.getMessage(), e);
        }
        HtmlReport.write(out);
    }

    /**
     * How the runs' setting differs from the one {@code experiment}'s file fixes (its preset and batch), or null when it does
     * not or the file is not known: steps in another setting are no share of the paper's budget.
     */
    private String otherSetting(RunConfig runs, Experiment experiment) {
        if (experiment == null) {
            return null;
        }
        Map<String, List<JsonNode>> fixed = SweepFile.BUILT_IN.contains(experiment.name()) ? SweepFile.load(experiment.name()).parameters()
                : experiment.equals(sweep.file().experiment()) && sweep.file().paper() != null ? sweep.file().parameters() : Map.of();
        List<String> theirs = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        for (String key : List.of("preset", "batch")) {
            List<JsonNode> v = fixed.get(key);
            String mine = key.equals("preset") ? runs.preset() : Integer.toString(runs.batch());
            if (v != null && v.size() == 1 && !v.get(0).asText().equals(mine)) {
                theirs.add(key.equals("preset") ? "preset `" + v.get(0).asText() + "`" : key + " " + v.get(0).asText());
                ours.add(key.equals("preset") ? "preset `" + mine + "`" : key + " " + mine);
            }
        }
        return ours.isEmpty() ? null : String.join(", ", ours) + " (the experiment: " + String.join(", ", theirs) + ")";
    }

    static double[] values(Map<Long, Double> seeds) {
        return seeds == null ? new double[0] : seeds.values().stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).toArray();
    }

    private static String pm(Stats.Summary s) {
        if (s.n() == 0) {
            return "–";
        }
        return Double.isNaN(s.se()) ? String.format(Locale.ROOT, "%.4f", s.mean()) : String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.se());
    }
}
