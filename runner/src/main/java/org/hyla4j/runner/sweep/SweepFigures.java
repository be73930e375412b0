package org.hyla4j.runner.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyla4j.runner.report.Plots;
import org.hyla4j.runner.report.Stats;
import org.hyla4j.runner.run.MetricsLog;

/** The figures of a sweep's report: the metrics during training per cell, and the headline metric against each swept axis. */
final class SweepFigures {

    private SweepFigures() {
    }

    /** At most this many cells get their own figures of the metrics during training. */
    static final int MAX_CURVE_CELLS = 4;

    /**
     * Per cell (up to {@link #MAX_CURVE_CELLS}), the headline and in-distribution metrics and the training loss against the
     * training step: one series per variant (mean ± SE over its finished runs at each logged step) and one per run in progress.
     */
    static List<String> curves(SweepReport r, Path out) {
        Map<String, List<Sweep.Point>> cells = new LinkedHashMap<>();
        r.sweep.points().stream().filter(p -> r.results.containsKey(p) || r.partial.containsKey(p))
                .forEach(p -> cells.computeIfAbsent(r.cell(p), k -> new ArrayList<>()).add(p));
        List<String> files = new ArrayList<>();
        if (cells.isEmpty() || cells.size() > MAX_CURVE_CELLS) {
            return files;
        }
        Map<Sweep.Point, List<JsonNode>> logs = new LinkedHashMap<>(); // read once, used for every figure
        cells.values().forEach(ps -> ps.forEach(p -> logs.put(p, log(p))));
        int c = 0;
        for (Map.Entry<String, List<Sweep.Point>> cell : cells.entrySet()) {
            String suffix = cells.size() == 1 ? "" : "-cell" + (++c);
            String where = cells.size() == 1 ? "" : " (" + cell.getKey() + ")";
            for (String[] m : new String[][] {{r.headline, "held-out", "eval"}, {r.inDistribution, "in-distribution", "eval"},
                    {"loss", "training-loss", "train"}}) {
                Map<Sweep.Point, List<JsonNode>> records = new LinkedHashMap<>();
                logs.forEach((p, log) -> records.put(p, ofType(log, m[2])));
                Map<String, double[][]> series = new LinkedHashMap<>();
                for (String variant : r.variants()) {
                    List<List<JsonNode>> done = cell.getValue().stream().filter(p -> r.results.containsKey(p) && p.run().attention().equals(variant))
                            .map(records::get).toList();
                    double[][] xy = evalCurve(done, m[0]);
                    if (xy[0].length > 0) {
                        series.put(variant + " (n = " + done.size() + ")", xy);
                    }
                }
                cell.getValue().stream().filter(r.partial::containsKey).forEach(p -> {
                    double[][] xy = evalCurve(List.of(records.get(p)), m[0]);
                    if (xy[0].length > 0) {
                        series.put(p.run().attention() + " seed " + p.run().seed() + " (in progress)", xy);
                    }
                });
                if (!series.isEmpty()) {
                    String file = "curves-" + m[1] + suffix + ".png";
                    Plots.curves(out.resolve(file), m[0] + " during training" + where, "step", m[0], series, m[2].equals("train"));
                    files.add(file);
                }
            }
        }
        return files;
    }

    /**
     * In a sweep of one cell, the final value of the headline metric on every split (e.g. {@code test/r2}, {@code ood/r2},
     * {@code train/r2}) per variant, mean ± SE over its finished seeds, as grouped bars; none for several cells.
     */
    static List<String> finalBars(SweepReport r, Path out) {
        Map<String, Map<String, List<org.hyla4j.runner.run.RunResult>>> cells = SweepTables.finished(r);
        if (cells.size() != 1) {
            return List.of();
        }
        Map<String, List<org.hyla4j.runner.run.RunResult>> byVariant = cells.values().iterator().next();
        List<String> variants = new ArrayList<>(byVariant.keySet());
        String metric = r.headline.substring(r.headline.indexOf('/') + 1);
        Map<String, double[][]> groups = new LinkedHashMap<>();
        for (String k : SweepTables.metricKeys(r)) {
            if (k.endsWith("/" + metric)) {
                double[] mean = new double[variants.size()];
                double[] se = new double[variants.size()];
                for (int i = 0; i < variants.size(); i++) {
                    Stats.Summary s = Stats.summarize(byVariant.get(variants.get(i)).stream().mapToDouble(x -> x.metrics().getOrDefault(k, Double.NaN))
                            .filter(d -> !Double.isNaN(d)).toArray());
                    mean[i] = Double.isNaN(s.mean()) ? 0 : s.mean();
                    se[i] = s.se();
                }
                groups.put(k, new double[][] {mean, se});
            }
        }
        if (groups.isEmpty()) {
            return List.of();
        }
        Plots.bars(out.resolve("final-metrics.png"), "final " + metric + " per split (mean ± SE over seeds)", metric, variants, groups);
        return List.of("final-metrics.png");
    }

    /** A run's evaluation records; none when its log cannot be read (its result is still in the tables). */
    static List<JsonNode> evals(Sweep.Point p) {
        return ofType(log(p), "eval");
    }

    private static List<JsonNode> ofType(List<JsonNode> log, String type) {
        return log.stream().filter(n -> type.equals(n.path("type").asText())).toList();
    }

    /** A run's whole metrics log; empty when it cannot be read. */
    static List<JsonNode> log(Sweep.Point p) {
        try {
            return MetricsLog.read(p.run().dir().resolve(MetricsLog.FILE));
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

    /** One PNG per cell axis: r.headline against the axis's values, one series per variant. */
    static List<String> plots(SweepReport r, Path out) {
        List<String> files = new ArrayList<>();
        if (r.results.isEmpty()) {
            return files;
        }
        for (String axis : r.cellAxes) {
            List<String> values = r.sweep.axisValues().get(axis);
            boolean numeric = values.stream().allMatch(SweepFigures::isNumber);
            Map<String, double[][]> series = new LinkedHashMap<>();
            for (String variant : r.variants()) {
                double[] x = new double[values.size()];
                double[] y = new double[values.size()];
                double[] se = new double[values.size()];
                for (int i = 0; i < values.size(); i++) {
                    String v = values.get(i);
                    double[] ys = r.sweep.points().stream().filter(p -> r.results.containsKey(p) && p.run().attention().equals(variant)
                            && v.equals(p.axes().get(axis))).mapToDouble(p -> r.metric(p, r.headline)).filter(d -> !Double.isNaN(d)).toArray();
                    Stats.Summary s = Stats.summarize(ys);
                    x[i] = numeric ? Double.parseDouble(v) : i;
                    y[i] = s.mean();
                    se[i] = Double.isNaN(s.se()) ? 0 : s.se();
                }
                series.put(variant, new double[][] {x, y, se});
            }
            String file = "sweep-" + axis.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png";
            Plots.curves(out.resolve(file), r.headline + " against " + axis, numeric ? axis : axis + " (value index: " + String.join(", ", values) + ")",
                    r.headline, series, false);
            files.add(file);
        }
        return files;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
