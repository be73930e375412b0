package org.hyla4j.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain-language verdict on HYLA's advantage over softmax in the reproduce report. */
class PaperVerdictTest {

    private static final Map<String, Boolean> BOTH_LEARNED = Map.of("linear_hypatt", true, "softmax_attention", true);

    private static Stats.Summary threeSeeds(double... hylaMinusSoftmax) {
        return Stats.paired(hylaMinusSoftmax, new double[hylaMinusSoftmax.length]);
    }

    private static String verdict(Stats.Summary d, Map<String, Boolean> learned) {
        return PaperComparison.verdict(d, learned, "the 3-NN baseline");
    }

    @Test
    void theIntervalDecidesWhenBothVariantsHaveLearned() {
        assertThat(verdict(threeSeeds(0.10, 0.12, 0.14), BOTH_LEARNED)).contains("**reproduced**");
        assertThat(verdict(threeSeeds(-0.10, -0.12, -0.14), BOTH_LEARNED)).contains("**did not reproduce**", "softmax is ahead");
        assertThat(verdict(threeSeeds(0.10, -0.05, 0.02), BOTH_LEARNED)).contains("**inconclusive**", "includes 0");
        // no baseline known (a task without one): the interval alone decides
        assertThat(verdict(threeSeeds(0.10, 0.12, 0.14), Map.of())).contains("**reproduced**");
    }

    @Test
    void oneSeedIsInconclusiveWhicheverWayItPoints() {
        assertThat(verdict(threeSeeds(0.07), BOTH_LEARNED)).contains("HYLA is ahead", "**inconclusive**");
        assertThat(verdict(threeSeeds(-0.07), BOTH_LEARNED)).contains("HYLA is not ahead", "**inconclusive**");
    }

    @Test
    void aVariantThatHasNotLearnedMakesTheComparisonUntestableEvenWithATightInterval() {
        String v = verdict(threeSeeds(0.010, 0.011, 0.012), Map.of("linear_hypatt", false, "softmax_attention", true));
        assertThat(v).contains("**Not testable at this budget**", "linear_hypatt has not yet learned", "the 3-NN baseline")
                .doesNotContain("reproduced");
        assertThat(verdict(threeSeeds(-0.2, -0.19, -0.21), Map.of("linear_hypatt", false, "softmax_attention", false)))
                .contains("linear_hypatt and softmax_attention have not yet learned").doesNotContain("did not reproduce");
    }

    @Test
    void noCommonSeedIsNoResult() {
        assertThat(verdict(new Stats.Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN), BOTH_LEARNED)).contains("no result yet");
    }

    @Test
    void theLearnedRuleJudgesOnlyAFractionWhereLargerIsBetter() {
        // its margin is points of a fraction above a baseline: meaningless for perplexity, an error rate or a 0-100 score
        assertThat(new Verdict.Metric("test/r2", true, true).judgesLearned()).isTrue();
        assertThat(new Verdict.Metric("ood/ppl", false, false).judgesLearned()).isFalse();
        assertThat(new Verdict.Metric("test/error", false, true).judgesLearned()).isFalse();
        assertThat(new Verdict.Metric("test/bleu", true, false).judgesLearned()).isFalse();
    }
}
