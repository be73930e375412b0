package org.hyla4j.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hyla4j.core.nn.ModelConfig;
import org.junit.jupiter.api.Test;

class FlopCounterTest {

    @Test
    void countsTheMatmulsOfTheFuzzyLogicModelByHand() {
        // fuzzy logic, T = 32, B = 128: D 128, H 8, qk = v = 16 (d = 2), MLP 256, 2 layers, input 5, readout 1 × 1
        ModelConfig c = ModelConfig.builder().inputDim(5).outputDim(1).readoutPositions(1)
                .layers(2).modelDim(128).numHeads(8).qkDim(16).vDim(16).mlpDim(256).seqLen(32).build();
        double tokens = 128 * 32;
        double embed = 2 * tokens * 5 * 128;
        double qkv = 2 * tokens * 128 * 48;
        double scores = 2 * 128 * 8 * 32 * 32 * 2;
        double bias = 2 * 8 * 32 * 32 * 32;
        double av = 2 * 128 * 8 * 32 * 32 * 2;
        double out = 2 * tokens * 16 * 128;
        double mlp = 2 * 2 * tokens * 128 * 256;
        double readout = 2 * 128 * 1 * 128 * 1;
        double softmax = 3 * (embed + 2 * (qkv + scores + bias + av + out + mlp) + readout);
        assertThat(FlopCounter.trainingStep(c, 128, 32, 1)).isCloseTo(softmax, within(1.0));
        assertThat(FlopCounter.trainingStep(c, 128, 32, 2) - softmax).isCloseTo(3 * 2 * av, within(1.0));
        // 6 · params · tokens is the usual estimate; the matmul count is close to it for this model
        assertThat(softmax / (6 * 151_265 * tokens)).isBetween(0.9, 1.2);
    }

    @Test
    void percentilesInterpolate() {
        assertThat(StepBenchmark.percentile(new double[] {4, 1, 3, 2}, 50)).isEqualTo(2.5);
        assertThat(StepBenchmark.percentile(new double[] {1, 2, 3, 4, 5}, 10)).isCloseTo(1.4, within(1e-12));
    }
}
