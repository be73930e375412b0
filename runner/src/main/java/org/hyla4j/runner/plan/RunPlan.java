package org.hyla4j.runner.plan;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.plugins.Catalog;

/**
 * The runs a command wants, each with its resolved configuration, directory and stable hash. {@code compare} and {@code reproduce}
 * build one and hand it to a {@link RunExecutor}; the executor decides where the runs train, the report reads their results.
 */
public final class RunPlan {

    private final List<PlannedRun> runs;

    /** A plan of the given runs, in the order they should start. */
    public RunPlan(List<PlannedRun> runs) {
        this.runs = List.copyOf(runs);
    }

    /**
     * A paired comparison: every variant of {@code config} on every seed, seed-major (so the first seeds of every variant finish
     * first), in {@code out/runs/VARIANT/seed-S}.
     */
    public static RunPlan comparison(RunConfig config, Path out, Catalog catalog) {
        List<PlannedRun> runs = new ArrayList<>();
        for (long seed : config.seeds()) {
            for (String a : config.attention()) {
                RunConfig single = config.single(a, seed, catalog);
                runs.add(new PlannedRun(a, seed, single, out.resolve("runs").resolve(a).resolve("seed-" + seed), hash(single)));
            }
        }
        return new RunPlan(runs);
    }

    /**
     * The stable hash of a configuration's experiment: the first 12 hex digits of SHA-256 over its JSON with sorted keys and
     * without the machine settings (threads, device). The same experiment has the same hash on every machine and in every run.
     */
    public static String hash(RunConfig config) {
        try {
            byte[] json = Json.LINE.writeValueAsBytes(config.experiment()); // keys already sorted: RunConfig serialises alphabetically
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException("cannot hash a configuration: " + e.getMessage(), e);
        }
    }

    /** Every run, in start order. */
    public List<PlannedRun> runs() {
        return runs;
    }

    /** The runs by seed, each seed's runs in plan order. */
    public Map<Long, List<PlannedRun>> bySeed() {
        Map<Long, List<PlannedRun>> m = new java.util.LinkedHashMap<>();
        runs.forEach(r -> m.computeIfAbsent(r.seed(), k -> new ArrayList<>()).add(r));
        return m;
    }

    /** Number of runs. */
    public int size() {
        return runs.size();
    }
}
