package org.hyla4j.runner.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hyla4j.runner.report.Stats;
import org.hyla4j.runner.run.MetricsLog;
import org.hyla4j.runner.run.RunResult;

/**
 * The tables of a sweep's report beyond the headline: every final metric per cell and variant (mean ± SE over seeds) with
 * the parameter count and wall time, the trivial baselines, the share of wall time spent evaluating and checkpointing, and
 * the per-variant summary CSV. What {@code compare}'s page carried, for any grid.
 */
final class SweepTables {

    private SweepTables() {
    }

    /** Every metric key the finished runs logged: headline, in-distribution, the headline metric on other splits, the rest. */
    static List<String> metricKeys(SweepReport r) {
        Set<String> keys = new LinkedHashSet<>();
        r.results.values().forEach(res -> keys.addAll(res.metrics().keySet()));
        List<String> sorted = new ArrayList<>(keys);
        String metric = r.headline.substring(r.headline.indexOf('/') + 1);
        sorted.sort(Comparator.comparingInt((String k) -> k.equals(r.headline) ? 0 : k.equals(r.inDistribution) ? 1
                : k.endsWith("/" + metric) ? 2 : 3).thenComparing(k -> k));
        return sorted;
    }

    /** Cell → variant → the finished runs' results, in plan order. */
    static Map<String, Map<String, List<RunResult>>> finished(SweepReport r) {
        Map<String, Map<String, List<RunResult>>> m = new LinkedHashMap<>();
        r.sweep.points().forEach(p -> {
            RunResult res = r.results.get(p);
            if (res != null) {
                m.computeIfAbsent(r.cell(p), k -> new LinkedHashMap<>()).computeIfAbsent(p.run().attention(), k -> new ArrayList<>()).add(res);
            }
        });
        return m;
    }

    private static Stats.Summary summary(List<RunResult> runs, String key) {
        return Stats.summarize(runs.stream().mapToDouble(x -> x.metrics().getOrDefault(key, Double.NaN)).filter(d -> !Double.isNaN(d)).toArray());
    }

    /** The "Final metrics" section: one row per cell and variant, every metric, parameters and mean wall time per run. */
    static String finalMetrics(SweepReport r) {
        List<String> keys = metricKeys(r);
        Map<String, Map<String, List<RunResult>>> cells = finished(r);
        if (cells.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Final metrics\n\nEvery metric the runs logged, mean ± SE over the seeds finished.\n\n");
        md.append("| cell | variant | params | n | ").append(String.join(" | ", keys)).append(" | wall s/run |\n");
        md.append("|---|---|---:|---:|").append("---:|".repeat(keys.size())).append("---:|\n");
        cells.forEach((cell, byVariant) -> byVariant.forEach((variant, runs) -> {
            long params = runs.stream().mapToLong(RunResult::parameters).max().orElse(0);
            double wall = runs.stream().mapToDouble(RunResult::wallSeconds).average().orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %d", cell, variant, params, runs.size()));
            keys.forEach(k -> md.append(" | ").append(pm(summary(runs, k))));
            md.append(String.format(Locale.ROOT, " | %.0f |%n", wall));
        }));
        Map<String, Double> baselines = baselines(r);
        if (!baselines.isEmpty()) {
            List<String> parts = new ArrayList<>();
            baselines.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "`%s` %.4f", k, v)));
            md.append("\nTrivial baselines on the same evaluation sets (mean over the finished runs): ").append(String.join(", ", parts))
                    .append(".\n");
        }
        md.append(overhead(r));
        return md.toString();
    }

    /** Mean over the finished runs of every baseline metric (e.g. {@code test/baseline_3nn_r2}). */
    static Map<String, Double> baselines(SweepReport r) {
        Map<String, double[]> sum = new TreeMap<>();
        r.results.values().forEach(res -> {
            if (res.baselines() != null) {
                res.baselines().forEach((k, v) -> {
                    double[] s = sum.computeIfAbsent(k, x -> new double[2]);
                    s[0] += v;
                    s[1]++;
                });
            }
        });
        Map<String, Double> out = new TreeMap<>();
        sum.forEach((k, s) -> out.put(k, s[0] / s[1]));
        return out;
    }

    /**
     * The shares of a run's wall time spent evaluating and writing checkpoints, {eval, checkpoint}, from its own log; null
     * when the log predates timing them or cannot be read.
     */
    static double[] overhead(List<JsonNode> log) {
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

    /** One sentence on the evaluation and checkpoint share of the finished runs' wall time, or none when no run timed them. */
    static String overhead(SweepReport r) {
        List<double[]> shares = new ArrayList<>();
        r.results.keySet().forEach(p -> {
            try {
                double[] s = overhead(MetricsLog.read(p.run().dir().resolve(MetricsLog.FILE)));
                if (s != null) {
                    shares.add(s);
                }
            } catch (IOException e) {
                // an unreadable log only leaves this run out of the sentence; its result is still in the tables
            }
        });
        if (shares.isEmpty()) {
            return "";
        }
        double eval = shares.stream().mapToDouble(s -> s[0]).average().orElse(Double.NaN);
        double checkpoint = shares.stream().mapToDouble(s -> s[1]).average().orElse(Double.NaN);
        double worst = shares.stream().mapToDouble(s -> s[0] + s[1]).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%nEvaluation took %.1f %% and checkpoints %.1f %% of the training wall time (mean over %d runs, "
                + "from each run's metrics.jsonl; at most %.1f %% together in one run).%n", 100 * eval, 100 * checkpoint, shares.size(), 100 * worst);
    }

    /** {@code summary.csv}: per cell, variant and metric, n, mean, SE, the 95 % t interval and the parameter count. */
    static List<String> summaryCsv(SweepReport r) {
        List<String> lines = new ArrayList<>(List.of("cell,variant,metric,n,mean,se,ci95_low,ci95_high,parameters"));
        List<String> keys = metricKeys(r);
        finished(r).forEach((cell, byVariant) -> byVariant.forEach((variant, runs) -> {
            long params = runs.stream().mapToLong(RunResult::parameters).max().orElse(0);
            for (String k : keys) {
                Stats.Summary s = summary(runs, k);
                lines.add(String.format(Locale.ROOT, "%s,%s,%s,%d,%s,%s,%s,%s,%d", quote(cell), variant, k, s.n(), num(s.mean()), num(s.se()),
                        num(s.ciLow()), num(s.ciHigh()), params));
            }
        }));
        return lines;
    }

    /** {@code report.csv}: one row per run, finished, in progress or not started, with its axes and r.headline metrics. */
    static List<String> runsCsv(SweepReport r) {
        List<String> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("run", "hash", "attention", "seed"));
        List<String> extra = r.sweep.axes().stream().filter(a -> !a.equals("attention") && !a.equals("seed")).toList();
        header.addAll(extra);
        header.addAll(List.of("status", "steps", r.headline, r.inDistribution, "wall_s"));
        lines.add(String.join(",", header));
        for (Sweep.Point p : r.sweep.points()) {
            RunResult res = r.results.get(p);
            List<String> row = new ArrayList<>(List.of(p.run().dir().getFileName().toString(), p.run().hash(), p.run().attention(),
                    Long.toString(p.run().seed())));
            extra.forEach(a -> row.add(quote(p.axes().get(a))));
            SweepReport.Progress g = r.partial.get(p);
            if (res != null) {
                row.addAll(List.of("finished", Long.toString(res.steps()), fmt(r.metric(p, r.headline)), fmt(r.metric(p, r.inDistribution)),
                        fmt(res.wallSeconds())));
            } else if (g != null) { // steps: the checkpoint's; metrics: the last evaluation's, at the step the report gives
                row.addAll(List.of("in progress", Long.toString(g.checkpointStep()), fmt(g.headline()), fmt(g.inDistribution()), ""));
            } else {
                row.addAll(List.of("not started", "", "", "", ""));
            }
            lines.add(String.join(",", row));
        }
        return lines;
    }

    private static String pm(Stats.Summary s) {
        if (s.n() == 0) {
            return "–";
        }
        return Double.isNaN(s.se()) ? String.format(Locale.ROOT, "%.4f", s.mean()) : String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.se());
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.6g", d);
    }

    private static String num(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.6f", d);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
