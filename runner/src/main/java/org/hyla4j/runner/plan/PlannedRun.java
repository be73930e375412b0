package org.hyla4j.runner.plan;

import java.nio.file.Path;
import org.hyla4j.runner.config.RunConfig;

/**
 * One run of a plan.
 *
 * @param attention variant id
 * @param seed root seed
 * @param config the resolved single-run configuration (what the run directory's {@code config.json} holds)
 * @param dir the run directory: config, metrics, checkpoints and, once finished, the result
 * @param hash the stable hash of the run's experiment ({@link RunPlan#hash}): equal configurations have equal hashes, whatever
 *     the machine settings
 */
public record PlannedRun(String attention, long seed, RunConfig config, Path dir, String hash) {

    /** How progress and errors name the run. */
    public String label() {
        return attention + " seed " + seed;
    }
}
