package org.hyla4j.runner.run;

import java.util.Map;

/**
 * What one finished run reports ({@code result.json}).
 *
 * @param attention variant id
 * @param seed root seed
 * @param steps completed updates
 * @param metrics final evaluation, keyed {@code split/metric}
 * @param baselines the task's trivial baselines on the same evaluation sets
 * @param parameters number of trained scalars
 * @param wallSeconds training wall time, summed over the segments of a resumed run
 * @param device device used
 */
public record RunResult(String attention, long seed, long steps, Map<String, Double> metrics, Map<String, Double> baselines,
        long parameters, double wallSeconds, String device) {

    /** File name inside a run directory. */
    public static final String FILE = "result.json";
}
