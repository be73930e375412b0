package org.hyla4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Path;
import java.util.Random;
import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.api.attention.ComposedAttentionLayer;
import org.hyla4j.api.attention.ScoreNormalizers;
import org.hyla4j.api.attention.TargetNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HylaTransformer} as a DJL user trains it: its builder, {@code trainer.initialize} with DJL's defaults, {@code Model.save/load}. */
class HylaTransformerDjlTest {

    private static final AttentionLayer HYLA = ComposedAttentionLayer.of("linear_hypatt", "HYLA", ScoreNormalizers.RMS_HEAD,
            TargetNetworks.MLP_RELU);

    private static HylaTransformer small() {
        return HylaTransformer.builder().setAttention(HYLA).setInputDim(5).setOutputDim(1).optModelDim(16).optNumHeads(4)
                .optQkDim(8).optVDim(8).optMlpDim(32).optMaxSeqLen(8).optAttentionDropout(0f).build();
    }

    @Test
    void builderDefaultsAreThePapersFuzzyLogicModel() {
        ModelConfig c = HylaTransformer.builder().setAttention(HYLA).setInputDim(5).setOutputDim(1).build().config();
        assertThat(c).isEqualTo(ModelConfig.builder().inputDim(5).outputDim(1).readoutPositions(1).layers(2).modelDim(128)
                .numHeads(8).qkDim(16).vDim(16).mlpDim(256).seqLen(32).causal(false).build());
        assertThatThrownBy(() -> HylaTransformer.builder().setInputDim(5).setOutputDim(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setAttention");
    }

    @Test
    void trainsWithDjlsTrainerAndDefaultsThenSavesAndLoads(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Random r = new Random(3);
            float[] xs = new float[4 * 8 * 5];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = (float) r.nextGaussian();
            }
            NDArray x = manager.create(xs, new Shape(4, 8, 5));
            NDArray y = x.get(":, -1:, 0:1").mul(manager.create(0.5f)); // (4, 1, 1): half the last token's first feature
            float first;
            float last;
            float[] trained;
            try (Model model = Model.newInstance("hyla")) {
                model.setBlock(small());
                DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build());
                try (Trainer trainer = model.newTrainer(config)) {
                    trainer.initialize(new Shape(4, 8, 5)); // every parameter brings Flax's initializer
                    assertThat(model.getBlock().getOutputShapes(new Shape[] {new Shape(4, 8, 5)})).containsExactly(new Shape(4, 1, 1));
                    first = loss(trainer, x, y);
                    for (int i = 0; i < 60; i++) {
                        try (Batch b = new Batch(trainer.getManager().newSubManager(), new NDList(x.duplicate()), new NDList(y.duplicate()), 1, null, null, 0, 1)) {
                            EasyTrain.trainBatch(trainer, b);
                            trainer.step();
                        }
                    }
                    last = loss(trainer, x, y);
                }
                assertThat(last).as("loss after 60 steps, from %s", first).isLessThan(first / 4);
                trained = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow().toFloatArray();
                model.save(dir, "hyla");
            }
            try (Model loaded = Model.newInstance("hyla")) {
                loaded.setBlock(small());
                loaded.load(dir, "hyla");
                float[] again = loaded.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow().toFloatArray();
                assertThat(again).containsExactly(trained);
            }
        }
    }

    private static float loss(Trainer trainer, NDArray x, NDArray y) {
        NDArray pred = trainer.evaluate(new NDList(x)).singletonOrThrow();
        return trainer.getLoss().evaluate(new NDList(y), new NDList(pred)).getFloat();
    }
}
