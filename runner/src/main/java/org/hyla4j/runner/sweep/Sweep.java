package org.hyla4j.runner.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import org.hyla4j.runner.plan.PlannedRun;
import org.hyla4j.runner.plan.RunPlan;
import org.hyla4j.runner.plugins.Catalog;

/**
 * A sweep file expanded: one resolved single-run configuration per grid point, each in a run directory named by the stable
 * hash of its configuration ({@link RunPlan#hash}), so that submitting a sweep again finds its finished runs, and two sweeps
 * that share a run share its directory.
 */
public record Sweep(SweepFile file, List<Point> points, List<String> axes, int repeats) {

    /** Keys whose values pick the seed: iterated outermost, so that every cell's first seed finishes first. */
    private static final Set<String> SEED_KEYS = Set.of("seed", "config.seed");

    /**
     * One grid point.
     *
     * @param axes the swept keys (those with more than one value) and this run's value of each, in file order
     * @param run the planned run: resolved configuration, directory, hash
     */
    public record Point(Map<String, String> axes, PlannedRun run) {
    }

    /**
     * @param file the file it came from
     * @param points every distinct run, seeds outermost
     * @param axes the swept keys (more than one value), in file order
     * @param repeats grid points that resolved to the configuration of an earlier one (and so share its run)
     */
    public Sweep {
        points = List.copyOf(points);
        axes = List.copyOf(axes);
    }

    /**
     * Expands {@code file} into runs under {@code out/runs}. {@code overrides} (the command line's flags: steps, threads, ...)
     * are laid over every grid point. Every key and value is checked first on its own, so a bad one is reported by name.
     */
    public static Sweep expand(SweepFile file, RunSettings overrides, Catalog catalog, Path out) {
        List<String> keys = new ArrayList<>(file.parameters().keySet());
        keys.sort((a, b) -> Boolean.compare(!SEED_KEYS.contains(a), !SEED_KEYS.contains(b))); // stable: seeds first, then file order
        checkEachValue(file, keys, overrides, catalog);
        List<String> swept = keys.stream().filter(k -> file.parameters().get(k).size() > 1).toList();
        List<String> sweptInFileOrder = file.parameters().keySet().stream().filter(swept::contains).toList();
        Map<String, Point> byHash = new LinkedHashMap<>();
        int repeats = 0;
        int[] index = new int[keys.size()];
        for (long n = 0; n < file.combinations(); n++) {
            Map<String, JsonNode> combination = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                combination.put(keys.get(i), file.parameters().get(keys.get(i)).get(index[i]));
            }
            RunConfig c;
            try {
                c = resolve(file, combination, overrides, catalog);
            } catch (org.hyla4j.api.InvalidSettingException e) {
                throw new UsageException(file.file() + ": the run " + describe(combination, swept) + ": " + e.getMessage());
            }
            Map<String, String> axes = new LinkedHashMap<>();
            sweptInFileOrder.forEach(k -> axes.put(k, combination.get(k).asText()));
            String hash = RunPlan.hash(c);
            String attention = c.attention().get(0);
            long seed = c.seeds().get(0);
            PlannedRun run = new PlannedRun(attention, seed, c, runDir(out, attention, seed, hash), hash);
            if (byHash.putIfAbsent(hash, new Point(axes, run)) != null) {
                repeats++;
            }
            for (int i = keys.size() - 1; i >= 0; i--) { // odometer: the last key varies fastest
                if (++index[i] < file.parameters().get(keys.get(i)).size()) {
                    break;
                }
                index[i] = 0;
            }
        }
        long tasks = byHash.values().stream().map(p -> p.run().config().task()).distinct().count();
        UsageException.check(tasks == 1, "%s: the runs span %d tasks; a sweep (and its report) covers one task: split the file", file.file(), tasks);
        return new Sweep(file, new ArrayList<>(byHash.values()), sweptInFileOrder, repeats);
    }

    /**
     * A paired comparison as a sweep ({@code compare}): every variant of {@code config} on every seed, seeds
     * outermost, each run in {@code out/runs} under the same name and hash a sweep file's grid point with these settings gets.
     *
     * @param name the sweep's name in its index and report
     */
    public static Sweep grid(String name, RunConfig config, Catalog catalog, Path out) {
        Map<String, List<JsonNode>> parameters = new LinkedHashMap<>();
        parameters.put("attention", config.attention().stream().<JsonNode>map(TextNode::valueOf).toList());
        parameters.put("seed", config.seeds().stream().<JsonNode>map(LongNode::valueOf).toList());
        List<String> swept = parameters.keySet().stream().filter(k -> parameters.get(k).size() > 1).toList();
        List<Point> points = new ArrayList<>();
        for (long seed : config.seeds()) {
            for (String a : config.attention()) {
                RunConfig single = config.single(a, seed, catalog);
                String hash = RunPlan.hash(single);
                Map<String, String> axes = new LinkedHashMap<>();
                if (swept.contains("attention")) {
                    axes.put("attention", a);
                }
                if (swept.contains("seed")) {
                    axes.put("seed", Long.toString(seed));
                }
                points.add(new Point(axes, new PlannedRun(a, seed, single, runDir(out, a, seed, hash), hash)));
            }
        }
        return new Sweep(new SweepFile(null, name, parameters, null, null, null, null, "compare"), points, swept, 0);
    }

    /** A run's directory in a sweep: {@code out/runs/VARIANT-sSEED-HASH}. */
    private static Path runDir(Path out, String attention, long seed, String hash) {
        return out.resolve("runs").resolve(attention + "-s" + seed + "-" + hash);
    }

    /** Each value of each key, with every other key at its first value: a bad key or value fails here, named. */
    private static void checkEachValue(SweepFile file, List<String> keys, RunSettings overrides, Catalog catalog) {
        for (String k : keys) { // each value on its own: its type and range
            for (JsonNode v : file.parameters().get(k)) {
                try {
                    SweepKeys.apply(file.file(), k, v, new SweepKeys.Target());
                } catch (org.hyla4j.api.InvalidSettingException e) {
                    throw named(file, k, v, e);
                }
            }
        }
        Map<String, JsonNode> first = new LinkedHashMap<>();
        keys.forEach(k -> first.put(k, file.parameters().get(k).get(0)));
        try {
            resolve(file, first, overrides, catalog);
        } catch (org.hyla4j.api.InvalidSettingException e) { // the first values do not go together: the culprit is the key without which they do
            for (String k : keys) {
                Map<String, JsonNode> without = new LinkedHashMap<>(first);
                without.remove(k);
                try {
                    resolve(file, without, overrides, catalog);
                } catch (org.hyla4j.api.InvalidSettingException stillBad) {
                    continue;
                }
                throw named(file, k, first.get(k), e);
            }
            throw e.getMessage().startsWith(file.file().toString()) ? e : new UsageException(file.file() + ": " + e.getMessage());
        }
        for (String k : keys) {
            for (JsonNode v : file.parameters().get(k).subList(1, file.parameters().get(k).size())) { // the first values passed above
                Map<String, JsonNode> c = new LinkedHashMap<>(first);
                c.put(k, v);
                try {
                    resolve(file, c, overrides, catalog);
                } catch (org.hyla4j.api.InvalidSettingException e) {
                    throw named(file, k, v, e);
                }
            }
        }
    }

    private static UsageException named(SweepFile file, String key, JsonNode v, org.hyla4j.api.InvalidSettingException e) {
        String m = e.getMessage();
        return m.startsWith(file.file().toString()) ? new UsageException(m, e)
                : new UsageException(String.format("%s: key '%s' value %s: %s", file.file(), key, v.isTextual() ? "'" + v.asText() + "'" : v, m));
    }

    /**
     * One grid point's configuration: the keys, then the paper's preset when the paper's config named the task, then the flags;
     * then the steps from the paper's {@code num_train} and the evaluation cadence from the file's {@code evaluations}.
     */
    static RunConfig resolve(SweepFile file, Map<String, JsonNode> combination, RunSettings overrides, Catalog catalog) {
        SweepKeys.Target t = new SweepKeys.Target();
        combination.forEach((k, v) -> SweepKeys.apply(file.file(), k, v, t));
        if (t.paperConfig && !t.presetGiven) {
            t.builder.preset(org.hyla4j.api.task.Preset.PAPER);
        }
        RunSettings b = t.builder.over(overrides);
        RunConfig c = b.build(catalog);
        if (t.numTrain != null && overrides.steps() == null) {
            long steps = t.numTrain / c.batch();
            UsageException.check(steps >= 1, "config.data.num_train %d is less than one batch of %d", t.numTrain, c.batch());
            c = b.steps(Math.toIntExact(steps)).build(catalog);
        }
        if (file.evaluations() != null && b.evalEvery() == null) { // evaluations per run, as the steps give them
            c = b.evalEvery(Math.max(1, c.steps() / file.evaluations())).build(catalog);
        }
        return c;
    }

    private static String describe(Map<String, JsonNode> combination, List<String> swept) {
        List<String> parts = new ArrayList<>();
        combination.forEach((k, v) -> {
            if (swept.contains(k)) {
                parts.add(k + "=" + v.asText());
            }
        });
        return parts.isEmpty() ? "(the only one)" : String.join(", ", parts);
    }

    /** The runs as a plan, in start order. */
    public RunPlan plan() {
        return new RunPlan(points.stream().map(Point::run).toList());
    }

    /** The distinct values of each axis, in the order they first appear. */
    public Map<String, List<String>> axisValues() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        axes.forEach(a -> m.put(a, new LinkedHashSet<>()));
        points.forEach(p -> p.axes().forEach((k, v) -> m.get(k).add(v)));
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }
}
