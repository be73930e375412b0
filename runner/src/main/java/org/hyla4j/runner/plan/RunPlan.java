package org.hyla4j.runner.plan;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.config.RunConfig;

/**
 * The runs a command wants, each with its resolved configuration, directory and stable hash. A sweep (a sweep file's grid, or
 * the {attention × seed} grid of {@code compare} and {@code reproduce}) hands one to a {@link RunExecutor}; the executor decides
 * where the runs train, the report reads their results.
 */
public final class RunPlan {

    private final List<PlannedRun> runs;

    /** A plan of the given runs, in the order they should start. */
    public RunPlan(List<PlannedRun> runs) {
        this.runs = List.copyOf(runs);
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

    /** Number of runs. */
    public int size() {
        return runs.size();
    }
}
