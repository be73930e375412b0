package org.hyla4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import org.hyla4j.api.attention.ComposedAttentionLayer;
import org.hyla4j.api.attention.ScoreNormalizer;
import org.hyla4j.api.attention.ScoreNormalizers;
import org.hyla4j.api.attention.TargetNetwork;
import org.hyla4j.api.attention.TargetNetworks;
import org.junit.jupiter.api.Test;

/** Spec §2.6: parameter counts, identical for every attention variant. */
class ParameterCountTest {

    private static long count(ModelConfig c, ScoreNormalizer n, TargetNetwork t) {
        try (NDManager m = NDManager.newBaseManager()) {
            return Models.parameterCount(Models.build(m, c, ComposedAttentionLayer.of("x", "x", n, t), 0));
        }
    }

    static ModelConfig fuzzy(int t) {
        return ModelConfig.builder().inputDim(5).outputDim(1).readoutPositions(1)
                .layers(2).modelDim(128).numHeads(8).qkDim(16).vDim(16).mlpDim(256).seqLen(t).build();
    }

    static ModelConfig sraven(int layers, int width) {
        return ModelConfig.builder().inputDim(8).outputDim(8).readoutPositions(4)
                .layers(layers).modelDim(128 * width).numHeads(16 * width).qkDim(64 * width).vDim(64 * width).mlpDim(256 * width).seqLen(36).build();
    }

    @Test
    void countsMatchThePaperForEveryComposition() {
        for (ScoreNormalizer n : new ScoreNormalizer[] {ScoreNormalizers.SOFTMAX, ScoreNormalizers.NONE, ScoreNormalizers.RMS_HEAD}) {
            for (TargetNetwork t : new TargetNetwork[] {TargetNetworks.DEFAULT, TargetNetworks.MLP_RELU, TargetNetworks.MLP_LINEAR}) {
                assertThat(count(fuzzy(16), n, t)).isEqualTo(151_009);
                assertThat(count(fuzzy(32), n, t)).isEqualTo(151_265);
                assertThat(count(sraven(4, 1), n, t)).isEqualTo(402_824);
            }
        }
        assertThat(count(fuzzy(96), ScoreNormalizers.RMS_HEAD, TargetNetworks.MLP_RELU)).isEqualTo(152_289);
        assertThat(count(sraven(8, 1), ScoreNormalizers.RMS_HEAD, TargetNetworks.MLP_RELU)).isEqualTo(803_208);
        assertThat(count(sraven(4, 2), ScoreNormalizers.RMS_HEAD, TargetNetworks.MLP_RELU)).isEqualTo(1_592_072);
    }
}
