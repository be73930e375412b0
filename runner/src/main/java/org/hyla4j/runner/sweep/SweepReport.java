package org.hyla4j.runner.sweep;

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
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.core.io.AtomicFile;
import org.hyla4j.core.train.Checkpoint;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.config.Experiment;
import org.hyla4j.runner.report.HtmlReport;
import org.hyla4j.runner.report.PaperComparison;
import org.hyla4j.runner.report.Plots;
import org.hyla4j.runner.report.Stats;
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

    private final Sweep sweep;
    private final Map<Sweep.Point, RunResult> results = new LinkedHashMap<>();
    private final Map<Sweep.Point, Progress> partial = new LinkedHashMap<>();
    private final String headline;
    private final String inDistribution;
    private final List<String> cellAxes;
    private final boolean configNamesVary;

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
    private String cell(Sweep.Point p) {
        List<String> parts = new ArrayList<>();
        String config = p.axes().get("config");
        if (config != null && configNamesVary) {
            parts.add("config=" + config.substring(0, Math.max(0, config.indexOf(';'))));
        }
        cellAxes.forEach(a -> parts.add(a + "=" + p.axes().get(a)));
        return parts.isEmpty() ? "all" : String.join(", ", parts);
    }

    private List<String> variants() {
        Set<String> v = new LinkedHashSet<>();
        sweep.points().forEach(p -> v.add(p.run().attention()));
        return new ArrayList<>(v);
    }

    /**
     * Where an unfinished run stands: the step of its last checkpoint (read from the metrics log, which drops records past
     * the checkpoint on resume) and its last evaluation; null when it has no checkpoint.
     */
    record Progress(long checkpointStep, long evalStep, double headline, double inDistribution) {
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
            return new Progress(checkpoint, eval, h, in);
        }
    }

    private static String fmt4(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.4f", v);
    }

    private String reference(List<String> variants) {
        return variants.contains("softmax_attention") ? "softmax_attention" : variants.get(0);
    }

    private double metric(Sweep.Point p, String key) {
        RunResult r = results.get(p);
        return r == null ? Double.NaN : r.metrics().getOrDefault(key, Double.NaN);
    }

    /** {@code a − base} over the seeds both have; null when they share none. */
    private static Stats.Summary paired(Map<Long, Double> a, Map<Long, Double> base) {
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
                sweep.file().file().getFileName(), total, results.size(), failures.size(), partial.size(),
                Math.max(0, total - results.size() - failures.size() - partial.size()),
                sweep.repeats() > 0 ? " " + sweep.repeats() + " grid points repeat another's configuration and share its run." : ""));
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
        if (sweep.file().paper() != null) {
            md.append(paperSection(sweep.file().paper(), head, in));
        }
        List<String> curves = curves(out);
        if (!curves.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%n## During training%n%n%s and %s at each evaluation: per variant the mean ± SE over its "
                    + "finished runs (n in the legend), and each run in progress on its own.%n%n", headline, inDistribution));
            curves.forEach(f -> md.append("![").append(f).append("](").append(f).append(")\n"));
        }
        List<String> plotted = plots(out);
        if (!plotted.isEmpty()) {
            md.append("\n## The headline metric against each swept axis\n\nMean over the seeds and the other axes, one line per variant.\n\n");
            plotted.forEach(f -> md.append("![").append(f).append("](").append(f).append(")\n"));
        }
        if (!failures.isEmpty()) {
            md.append("\n## Failed runs\n\n");
            failures.forEach(f -> md.append("- ").append(f).append('\n'));
        }
        if (!partial.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%n## Runs in progress%n%nNot in the tables above. Their last checkpoint (where they resume) "
                    + "and their last evaluation so far:%n%n| run | checkpoint step | of | last evaluation at | %s | %s |%n|---|---:|---:|---:|---:|---:|%n",
                    headline, inDistribution));
            partial.forEach((p, g) -> md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %s | %s | %s |%n", p.run().dir().getFileName(),
                    g.checkpointStep(), p.run().config().steps(), g.evalStep() < 0 ? "—" : String.format(Locale.ROOT, "%,d", g.evalStep()),
                    fmt4(g.headline()), fmt4(g.inDistribution()))));
        }
        List<String> missing = sweep.points().stream().filter(p -> !results.containsKey(p) && !partial.containsKey(p))
                .map(p -> p.run().dir().getFileName().toString()).toList();
        if (!missing.isEmpty()) {
            md.append("\n## Runs not started\n\n").append(missing.size()).append(" run(s): ")
                    .append(String.join(", ", missing.subList(0, Math.min(20, missing.size())))).append(missing.size() > 20 ? ", ..." : "")
                    .append('\n');
        }
        if (!missing.isEmpty() || !partial.isEmpty()) {
            md.append("\nSubmit the sweep again to train them (finished runs are reused, interrupted ones resume from their checkpoint).\n");
        }
        try {
            AtomicFile.writeString(out.resolve("report.md"), md.toString());
            AtomicFile.writeString(out.resolve("report.csv"), String.join(System.lineSeparator(), csv()) + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report in " + out + ": " + e.getMessage(), e);
        }
        HtmlReport.write(out);
    }

    private List<String> csv() {
        List<String> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("run", "hash", "attention", "seed"));
        List<String> extra = sweep.axes().stream().filter(a -> !a.equals("attention") && !a.equals("seed")).toList();
        header.addAll(extra);
        header.addAll(List.of("status", "steps", headline, inDistribution, "wall_s"));
        lines.add(String.join(",", header));
        for (Sweep.Point p : sweep.points()) {
            RunResult r = results.get(p);
            List<String> row = new ArrayList<>(List.of(p.run().dir().getFileName().toString(), p.run().hash(), p.run().attention(),
                    Long.toString(p.run().seed())));
            extra.forEach(a -> row.add(quote(p.axes().get(a))));
            Progress g = partial.get(p);
            if (r != null) {
                row.addAll(List.of("finished", Long.toString(r.steps()), fmt(metric(p, headline)), fmt(metric(p, inDistribution)),
                        fmt(r.wallSeconds())));
            } else if (g != null) { // steps: the checkpoint's; metrics: the last evaluation's, at the step the report gives
                row.addAll(List.of("in progress", Long.toString(g.checkpointStep()), fmt(g.headline()), fmt(g.inDistribution()), ""));
            } else {
                row.addAll(List.of("not started", "", "", "", ""));
            }
            lines.add(String.join(",", row));
        }
        return lines;
    }

    /**
     * The paper's numbers beside the finished runs' (×100), and per cell HYLA − softmax over their shared seeds with the
     * verdict of a {@code reproduce} report ({@link PaperComparison#verdict}).
     */
    private String paperSection(Experiment.Paper paper, Map<String, Map<String, Map<Long, Double>>> head,
            Map<String, Map<String, Map<Long, Double>>> in) {
        LongSummaryStatistics steps = sweep.points().stream().mapToLong(p -> p.run().config().steps()).summaryStatistics();
        String budget = steps.getMin() == steps.getMax()
                ? String.format(Locale.ROOT, "%,d steps (%.0f %% of the paper's %,d)", steps.getMax(), 100.0 * steps.getMax() / paper.steps(),
                        paper.steps())
                : String.format(Locale.ROOT, "%,d to %,d steps (the paper: %,d)", steps.getMin(), steps.getMax(), paper.steps());
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n## Paper vs measured%n%nThe paper's %s, mean ± SE over its "
                + "3 seeds, beside this sweep's at %s: ×100, mean ± SE over the seeds finished.%n%n"
                + "| cell | variant | paper | measured | seeds | measured in-distribution (`%s`) |%n|---|---|---:|---:|---:|---:|%n",
                paper.what(), budget, inDistribution));
        Map<String, Map<String, Map<Long, Double>>> cells = head.isEmpty() ? Map.of("all", Map.of()) : head;
        String baseHeadKey = PaperComparison.split(headline) + "/" + paper.baseline().key();
        String baseInKey = PaperComparison.split(inDistribution) + "/" + paper.baseline().key();
        Map<String, Map<String, Boolean>> learned = new LinkedHashMap<>();
        cells.forEach((cell, byVariant) -> {
            for (String v : variants()) {
                double[] p = paper.numbers().get(v);
                Stats.Summary h = Stats.summarize(values(byVariant.get(v)));
                Stats.Summary i = Stats.summarize(values(in.getOrDefault(cell, Map.of()).get(v)));
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %s |%n", cell, v,
                        p == null ? "—" : String.format(Locale.ROOT, "%.2f ± %.2f", p[0], p[1]), pct(h), h.n(), pct(i)));
            }
            // the baseline of the finished runs' own evaluation sets (each run fits it on its seed's sets)
            Stats.Summary bh = Stats.summarize(baselines(cell, baseHeadKey));
            Stats.Summary bi = Stats.summarize(baselines(cell, baseInKey));
            if (bi.n() > 0) {
                md.append(String.format(Locale.ROOT, "| %s | %s, same evaluation sets | — | %s | %d | %s |%n", cell, paper.baseline().name(), pct(bh),
                        bi.n(), pct(bi)));
                Map<String, Boolean> l = new LinkedHashMap<>();
                for (String v : variants()) {
                    double[] ins = values(in.getOrDefault(cell, Map.of()).get(v));
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
            Stats.Summary d = paired(hyla, softmax);
            if (d == null) {
                md.append(String.format(Locale.ROOT, "%nHYLA − softmax%s: no seed has finished for both yet.%n", head.size() > 1 ? " in " + cell : ""));
                return;
            }
            md.append(String.format(Locale.ROOT, "%nHYLA − softmax%s, paired over %d seed(s): %+.2f (95 %% CI %s; the paper: %+.2f). %s.%n",
                    head.size() > 1 ? " in " + cell : "", d.n(), 100 * d.mean(), Double.isNaN(d.ciLow()) ? "n/a"
                            : String.format(Locale.ROOT, "[%+.2f, %+.2f]", 100 * d.ciLow(), 100 * d.ciHigh()),
                    ph[0] - ps[0], PaperComparison.verdict(d, learned.getOrDefault(cell, Map.of()), baselineName)));
        });
        if (learned.isEmpty()) {
            md.append("\nThe runs logged no " + paper.baseline().name() + ": whether a variant has learned the task in distribution is for "
                    + "the reader to judge from its in-distribution column.\n");
        } else {
            md.append(String.format(Locale.ROOT, "%nA variant counts as having learned the task when its in-distribution mean is more than %.0f "
                    + "points above %s; a difference between variants that have not says nothing about the paper's claim.%n",
                    100 * PaperComparison.LEARNED_MARGIN, baselineName));
        }
        return md.toString();
    }

    /**
     * Baseline {@code key} per seed in {@code cell}: the runs of one seed share their evaluation sets, so each seed counts once.
     */
    private double[] baselines(String cell, String key) {
        Map<Long, Double> bySeed = new TreeMap<>();
        results.forEach((p, r) -> {
            if (cell(p).equals(cell) && r.baselines() != null && r.baselines().containsKey(key)) {
                bySeed.putIfAbsent(p.run().seed(), r.baselines().get(key));
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

    /** At most this many cells get their own figures of the metrics during training. */
    static final int MAX_CURVE_CELLS = 4;

    /**
     * Per cell (up to {@link #MAX_CURVE_CELLS}), the headline and in-distribution metrics against the training step: one
     * series per variant (mean ± SE over its finished runs at each evaluation step) and one per run in progress.
     */
    private List<String> curves(Path out) {
        Map<String, List<Sweep.Point>> cells = new LinkedHashMap<>();
        sweep.points().stream().filter(p -> results.containsKey(p) || partial.containsKey(p))
                .forEach(p -> cells.computeIfAbsent(cell(p), k -> new ArrayList<>()).add(p));
        List<String> files = new ArrayList<>();
        if (cells.isEmpty() || cells.size() > MAX_CURVE_CELLS) {
            return files;
        }
        Map<Sweep.Point, List<JsonNode>> evals = new LinkedHashMap<>(); // read once, used for both metrics
        cells.values().forEach(ps -> ps.forEach(p -> evals.put(p, evals(p))));
        int c = 0;
        for (Map.Entry<String, List<Sweep.Point>> cell : cells.entrySet()) {
            String suffix = cells.size() == 1 ? "" : "-cell" + (++c);
            String where = cells.size() == 1 ? "" : " (" + cell.getKey() + ")";
            for (String[] m : new String[][] {{headline, "held-out"}, {inDistribution, "in-distribution"}}) {
                Map<String, double[][]> series = new LinkedHashMap<>();
                for (String variant : variants()) {
                    List<List<JsonNode>> done = cell.getValue().stream().filter(p -> results.containsKey(p) && p.run().attention().equals(variant))
                            .map(evals::get).toList();
                    double[][] xy = evalCurve(done, m[0]);
                    if (xy[0].length > 0) {
                        series.put(variant + " (n = " + done.size() + ")", xy);
                    }
                }
                cell.getValue().stream().filter(partial::containsKey).forEach(p -> {
                    double[][] xy = evalCurve(List.of(evals.get(p)), m[0]);
                    if (xy[0].length > 0) {
                        series.put(p.run().attention() + " seed " + p.run().seed() + " (in progress)", xy);
                    }
                });
                if (!series.isEmpty()) {
                    String file = "curves-" + m[1] + suffix + ".png";
                    Plots.curves(out.resolve(file), m[0] + " during training" + where, "step", m[0], series, false);
                    files.add(file);
                }
            }
        }
        return files;
    }

    /** A run's evaluation records; none when its log cannot be read (its result is still in the tables). */
    static List<JsonNode> evals(Sweep.Point p) {
        try {
            return MetricsLog.read(p.run().dir().resolve(MetricsLog.FILE)).stream().filter(n -> "eval".equals(n.path("type").asText())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Step → mean and SE over the runs' evaluations of {@code key} at that step: {steps, means, SEs}. */
    static double[][] evalCurve(List<List<JsonNode>> runs, String key) {
        TreeMap<Long, List<Double>> bySteps = new TreeMap<>();
        for (List<JsonNode> evals : runs) {
            for (JsonNode n : evals) {
                if (n.has(key)) {
                    bySteps.computeIfAbsent(n.path("step").asLong(), st -> new ArrayList<>()).add(n.path(key).asDouble());
                }
            }
        }
        return Stats.byStep(bySteps);
    }

    /** One PNG per cell axis: headline against the axis's values, one series per variant. */
    private List<String> plots(Path out) {
        List<String> files = new ArrayList<>();
        if (results.isEmpty()) {
            return files;
        }
        for (String axis : cellAxes) {
            List<String> values = sweep.axisValues().get(axis);
            boolean numeric = values.stream().allMatch(SweepReport::isNumber);
            Map<String, double[][]> series = new LinkedHashMap<>();
            for (String variant : variants()) {
                double[] x = new double[values.size()];
                double[] y = new double[values.size()];
                double[] se = new double[values.size()];
                for (int i = 0; i < values.size(); i++) {
                    String v = values.get(i);
                    double[] ys = sweep.points().stream().filter(p -> results.containsKey(p) && p.run().attention().equals(variant)
                            && v.equals(p.axes().get(axis))).mapToDouble(p -> metric(p, headline)).filter(d -> !Double.isNaN(d)).toArray();
                    Stats.Summary s = Stats.summarize(ys);
                    x[i] = numeric ? Double.parseDouble(v) : i;
                    y[i] = s.mean();
                    se[i] = Double.isNaN(s.se()) ? 0 : s.se();
                }
                series.put(variant, new double[][] {x, y, se});
            }
            String file = "sweep-" + axis.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png";
            Plots.curves(out.resolve(file), headline + " against " + axis, numeric ? axis : axis + " (value index: " + String.join(", ", values) + ")",
                    headline, series, false);
            files.add(file);
        }
        return files;
    }

    private static double[] values(Map<Long, Double> seeds) {
        return seeds == null ? new double[0] : seeds.values().stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).toArray();
    }

    private static String pm(Stats.Summary s) {
        if (s.n() == 0) {
            return "–";
        }
        return Double.isNaN(s.se()) ? String.format(Locale.ROOT, "%.4f", s.mean()) : String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.se());
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.6g", d);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
