package org.hyla4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.lang.reflect.Proxy;
import java.util.Random;
import org.hyla4j.api.attention.ComposedAttentionLayer;
import org.hyla4j.api.attention.ScoreNormalizers;
import org.hyla4j.api.attention.TargetNetworks;
import org.hyla4j.api.task.TaskInstance;
import org.junit.jupiter.api.Test;

/** A task that asks for causal attention gets a model in which no position sees a later one, for softmax and HYLA. */
class CausalModelTest {

    private static final int T = 7;
    private static final int IN = 3;

    /** The task side a model takes from a task: widths, T, P = T, and causal as given. */
    private static TaskInstance task(boolean causal) {
        return (TaskInstance) Proxy.newProxyInstance(TaskInstance.class.getClassLoader(), new Class<?>[] {TaskInstance.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "inputDim" -> IN;
                    case "outputDim" -> 2;
                    case "readoutPositions", "seqLen" -> T;
                    case "causal" -> causal;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** How much the readout at each position moves when only the last token changes. */
    private static float[] change(boolean causal, ComposedAttentionLayer layer) {
        ModelConfig c = ModelConfig.forTask(task(causal)).layers(2).modelDim(8).numHeads(2).qkDim(4).vDim(4).mlpDim(12)
                .attentionDropout(0f).build();
        assertThat(c.causal()).isEqualTo(causal);
        try (NDManager m = NDManager.newBaseManager()) {
            HylaTransformer model = Models.build(m, c, layer, 5);
            Random r = new Random(1);
            float[] x = new float[T * IN];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            float[] y = x.clone();
            for (int i = (T - 1) * IN; i < T * IN; i++) {
                y[i] += 1f;
            }
            ParameterStore ps = new ParameterStore(m, false);
            float[] a = model.forward(ps, m.create(x, new Shape(1, T, IN)), null, false, false).prediction().toFloatArray();
            float[] b = model.forward(ps, m.create(y, new Shape(1, T, IN)), null, false, false).prediction().toFloatArray();
            float[] perPosition = new float[T];
            for (int i = 0; i < a.length; i++) {
                perPosition[i / 2] += Math.abs(a[i] - b[i]);
            }
            return perPosition;
        }
    }

    @Test
    void onlyTheChangedPositionMovesWhenTheTaskIsCausal() {
        for (ComposedAttentionLayer layer : new ComposedAttentionLayer[] {
            ComposedAttentionLayer.of("s", "s", ScoreNormalizers.SOFTMAX, TargetNetworks.DEFAULT),
            ComposedAttentionLayer.of("h", "h", ScoreNormalizers.RMS_HEAD, TargetNetworks.MLP_RELU)}) {
            float[] causal = change(true, layer);
            for (int t = 0; t < T - 1; t++) {
                assertThat(causal[t]).as("position %d sees the future", t).isZero();
            }
            assertThat(causal[T - 1]).isPositive();
            float[] full = change(false, layer);
            assertThat(full[0]).as("without the mask the first position sees the last").isPositive();
        }
    }
}
