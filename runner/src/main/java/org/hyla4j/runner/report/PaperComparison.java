package org.hyla4j.runner.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every page that sets measured numbers beside the paper's shares: the two variants the paper's claim is about, when a
 * variant counts as having learned the task, and the verdict on HYLA's advantage over softmax ({@link #verdict}), which
 * {@link Verdict} writes on every page that compares the two. The section itself is the sweep report's.
 */
public final class PaperComparison {

    /** Points above the baseline, in distribution, that count as having learned the task. */
    public static final double LEARNED_MARGIN = 0.05;
    /** The variants whose difference the paper's claim is about. */
    public static final String HYLA = "linear_hypatt";
    public static final String SOFTMAX = "softmax_attention";

    private PaperComparison() {
    }

    /**
     * Whether HYLA's advantage over softmax reproduced. A difference between variants that have not learned the task in
     * distribution says nothing about the paper's claim, so that comes first; then one seed (no interval); then the interval.
     * {@code d} is HYLA's advantage: HYLA − softmax of a metric where larger is better (for perplexity, softmax − HYLA).
     */
    public static String verdict(Stats.Summary d, Map<String, Boolean> learned, String baselineName) {
        if (Double.isNaN(d.mean())) {
            return "No seed has finished for both variants: no result yet";
        }
        List<String> notLearned = new ArrayList<>();
        for (String v : List.of(HYLA, SOFTMAX)) {
            if (Boolean.FALSE.equals(learned.get(v))) {
                notLearned.add(v);
            }
        }
        if (!notLearned.isEmpty()) {
            return "**Not testable at this budget**: " + String.join(" and ", notLearned) + (notLearned.size() == 1 ? " has" : " have")
                    + " not yet learned the task in distribution (not more than 5 points above " + baselineName
                    + "), so the difference says nothing about the paper's claim";
        }
        if (Double.isNaN(d.ciLow())) {
            return (d.mean() > 0 ? "HYLA is ahead" : "HYLA is not ahead") + ", but one seed gives no interval: **inconclusive**";
        }
        if (d.ciLow() > 0) {
            return "HYLA's advantage **reproduced** (the 95 % interval excludes 0)";
        }
        if (d.ciHigh() < 0) {
            return "HYLA's advantage **did not reproduce**: softmax is ahead (the 95 % interval excludes 0)";
        }
        return "**inconclusive**: the 95 % interval includes 0";
    }

    /** Whether a variant has learned the task: its in-distribution mean more than {@link #LEARNED_MARGIN} above the baseline's. */
    public static boolean learned(double inDistribution, double baseline) {
        return inDistribution > baseline + LEARNED_MARGIN;
    }

    /** The split of a metric key: {@code test} of {@code test/r2}. */
    public static String split(String metricKey) {
        return metricKey.substring(0, metricKey.indexOf('/'));
    }
}
