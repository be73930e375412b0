package org.hyla4j.core.latent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.hyla4j.api.attention.ComposedAttentionLayer;
import org.hyla4j.api.attention.ScoreNormalizers;
import org.hyla4j.api.attention.TargetNetworks;
import org.hyla4j.core.nn.HylaTransformer;
import org.hyla4j.core.nn.ModelConfig;
import org.hyla4j.core.nn.Models;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.LatentProbe;
import org.junit.jupiter.api.Test;

/** The extraction reads exactly the probe's (query, keys) of every layer's full score tensor. */
class LatentCodesTest {

    /** A toy task whose probe reads query 4 against keys 1 and 3, with labels from the example index. */
    static final class Probed extends org.hyla4j.core.train.ToyRegressionAccess {
        @Override
        public LatentProbe latentProbe() {
            return new LatentProbe(4, new int[] {1, 3}, "train", "test", List.of("label"));
        }

        @Override
        public int[] latentLabels(Batch batch, int index) {
            return new int[] {(int) (batch.targets()[index] > 0 ? 1 : 0)};
        }
    }

    @Test
    void extractsTheProbePositionsOfEveryLayer() {
        Probed task = new Probed();
        ModelConfig c = ModelConfig.builder().inputDim(task.inputDim()).outputDim(1).readoutPositions(1)
                .layers(3).modelDim(16).numHeads(4).qkDim(8).vDim(8).mlpDim(32).seqLen(task.seqLen()).build();
        try (NDManager m = NDManager.newBaseManager()) {
            HylaTransformer model = Models.build(m, c, ComposedAttentionLayer.of("h", "h", ScoreNormalizers.RMS_HEAD, TargetNetworks.MLP_RELU), 5);
            LatentCodes codes = LatentCodes.collect(model, task, "test", 9, 300, m);
            assertThat(codes.size()).isEqualTo(300);
            assertThat(codes.width()).isEqualTo(8);
            // recompute the full tensors of the first 256 examples (the first batch) and compare
            Batch b = task.sample("test", 9, 0, 256);
            NDArray x = m.create(b.inputs(), new Shape(256, b.seqLen(), b.inputDim()));
            List<NDArray> full = model.forward(new ParameterStore(m, false), x, null, false, true).codes();
            int t = b.seqLen();
            for (int l = 0; l < 3; l++) {
                float[] a = full.get(l).toFloatArray();
                for (int i = 0; i < 256; i++) {
                    for (int k = 0; k < 2; k++) {
                        for (int h = 0; h < 4; h++) {
                            float expected = a[((i * 4 + h) * t + 4) * t + new int[] {1, 3}[k]];
                            assertThat(codes.features().get(l)[(i * 2 + k) * 4 + h]).isEqualTo(expected);
                        }
                    }
                }
            }
            for (int i = 0; i < 256; i++) {
                assertThat(codes.labels().get(0)[i]).isEqualTo(b.targets()[i] > 0 ? 1 : 0);
            }
        }
    }
}
