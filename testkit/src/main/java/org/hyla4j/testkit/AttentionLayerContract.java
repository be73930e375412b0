package org.hyla4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import ai.djl.nn.ParameterList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.hyla4j.api.attention.FlaxInitializer;
import org.hyla4j.api.PluginRegistry;
import org.hyla4j.api.attention.AttentionBlock;
import org.hyla4j.api.attention.AttentionConfig;
import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.api.attention.AttentionOutput;
import org.hyla4j.core.nn.Models;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link AttentionLayer} plugin passes. Subclass it in one small test class:
 *
 * <pre>{@code class MyVariantContractTest extends AttentionLayerContract {
 *     protected AttentionLayer layer() { return new MyVariant(); }
 * }}</pre>
 *
 * <p>Shapes are odd on purpose (T = 7, H = 3, d_k = 2, d_v = 3) so that a transposed axis shows up.
 */
public abstract class AttentionLayerContract {

    /** B, T, D, H, qk total, v total of the contract's layer. */
    protected static final int B = 2, T = 7, D = 10, H = 3, QK = 6, V = 9;

    private NDManager manager;

    /** The plugin under test. */
    protected abstract AttentionLayer layer();

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private AttentionBlock block(boolean causal, float dropout, long seed) {
        AttentionBlock block = layer().create(new AttentionConfig(D, H, QK, V, T, causal, dropout));
        FlaxInitializer.initialize(block, manager, new Shape(B, T, D), seed);
        return block;
    }

    private NDArray input(long seed) {
        Random r = new Random(seed);
        float[] x = new float[B * T * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return manager.create(x, new Shape(B, T, D));
    }

    @Test
    void idIsStableLowerCaseAndDescribed() {
        assertThat(layer().id()).matches("[a-z][a-z0-9_]*");
        assertThat(layer().description()).isNotBlank();
        assertThat(layer().version()).isNotBlank();
    }

    @Test
    void isDiscoveredByServiceLoaderWithAUniqueId() {
        PluginRegistry<AttentionLayer> registry = PluginRegistry.load(AttentionLayer.class, "attention variant",
                Thread.currentThread().getContextClassLoader());
        assertThat(registry.get(layer().id()).getClass()).isEqualTo(layer().getClass());
    }

    @Test
    void outputAndCodeHaveThePaperShapes() {
        AttentionOutput out = block(false, 0f, 1).forward(new ParameterStore(manager, false), input(2), null, false);
        assertThat(out.output().getShape()).isEqualTo(new Shape(B, T, D));
        assertThat(out.code().getShape()).isEqualTo(new Shape(B, H, T, T));
    }

    @Test
    void hasTheSharedSkeletonsParameters() {
        long expected = (long) D * (2 * QK + V) + (2 * QK + V) + (long) V * D + D + (long) H * T;
        assertThat(Models.parameterCount(block(false, 0f, 1))).isEqualTo(expected);
    }

    @Test
    void isDeterministicUnderASeedAndFinite() {
        float[] a = block(false, 0f, 5).forward(new ParameterStore(manager, false), input(3), null, false).output().toFloatArray();
        float[] b = block(false, 0f, 5).forward(new ParameterStore(manager, false), input(3), null, false).output().toFloatArray();
        float[] c = block(false, 0f, 6).forward(new ParameterStore(manager, false), input(3), null, false).output().toFloatArray();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        for (float v : a) {
            assertThat(Float.isFinite(v)).as("finite output").isTrue();
        }
    }

    @Test
    void causalMaskHidesTheFuture() {
        AttentionBlock block = block(true, 0f, 7);
        ParameterStore ps = new ParameterStore(manager, false);
        float[] x = input(8).toFloatArray();
        float[] changed = x.clone();
        int q = 3; // change every token after q
        for (int b = 0; b < B; b++) {
            for (int t = q + 1; t < T; t++) {
                for (int d = 0; d < D; d++) {
                    changed[(b * T + t) * D + d] += 1.5f;
                }
            }
        }
        AttentionOutput o1 = block.forward(ps, manager.create(x, new Shape(B, T, D)), null, false);
        AttentionOutput o2 = block.forward(ps, manager.create(changed, new Shape(B, T, D)), null, false);
        float[] y1 = o1.output().toFloatArray();
        float[] y2 = o2.output().toFloatArray();
        for (int b = 0; b < B; b++) {
            for (int t = 0; t <= q; t++) {
                for (int d = 0; d < D; d++) {
                    int i = (b * T + t) * D + d;
                    assertThat(y2[i]).as("output at q=%d must not see the future", t).isCloseTo(y1[i], within(1e-5f));
                }
            }
        }
        float[] code = o1.code().toFloatArray();
        for (int i = 0; i < code.length; i++) {
            int key = i % T;
            int query = (i / T) % T;
            if (key > query) {
                assertThat(code[i]).as("code of a masked key").isEqualTo(0f);
            }
        }
    }

    @Test
    void gradientsFlowToEveryParameter() {
        AttentionBlock block = block(false, 0f, 9);
        ParameterList params = block.getParameters();
        for (Pair<String, Parameter> p : params) {
            p.getValue().getArray().setRequiresGradient(true);
        }
        try (NDManager step = manager.newSubManager(); GradientCollector gc = manager.getEngine().newGradientCollector()) {
            NDArray x = step.create(input(10).toFloatArray(), new Shape(B, T, D));
            NDArray y = block.forward(new ParameterStore(step, false), x, null, true).output();
            gc.backward(y.square().sum());
        }
        for (Pair<String, Parameter> p : params) {
            NDArray g = p.getValue().getArray().getGradient();
            float norm = g.abs().sum().getFloat();
            assertThat(Float.isFinite(norm)).as("finite gradient of %s", p.getKey()).isTrue();
            assertThat(norm).as("gradient of %s", p.getKey()).isGreaterThan(0f);
            g.close();
        }
    }

    @Test
    void attentionDropoutActsOnlyInTrainingWithOneMaskForBatchAndHeads() {
        AttentionBlock block = block(false, 0.5f, 11);
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x = input(12);
        float[] eval1 = block.forward(ps, x, null, false).output().toFloatArray();
        float[] eval2 = block.forward(ps, x, null, false).output().toFloatArray();
        assertThat(eval1).containsExactly(eval2);
        NDArray keepAll = manager.ones(new Shape(1, 1, T, T));
        assertThat(block.forward(ps, x, keepAll, true).output().toFloatArray()).containsExactly(eval1);
        NDArray dropAll = manager.zeros(new Shape(1, 1, T, T));
        float[] dropped = block.forward(ps, x, dropAll, true).output().toFloatArray();
        assertThat(dropped).isNotEqualTo(eval1);
    }

    // ---- as a plain DJL block, the way an application uses it (no hyla4j-specific initialisation) ----

    /** Linear → the variant's block (from its builder) → Linear, as an application would stack it. */
    private Block djlStack() {
        return new SequentialBlock().add(Linear.builder().setUnits(D).build())
                .add(layer().blockBuilder().setModelDim(D).setNumHeads(H).optQkDim(QK).optVDim(V).optMaxSeqLen(T).optAttentionDropout(0f).build())
                .add(Linear.builder().setUnits(1).build());
    }

    @Test
    void initializesWithDjlsDefaultsFromFlaxLaws() {
        // a wide layer, so that the sample moments are tight (12,288 kernel entries)
        AttentionBlock block = layer().blockBuilder().setModelDim(64).setNumHeads(4).optMaxSeqLen(16).build();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 16, 64)); // each parameter's own initializer
        ParameterList params = block.getParameters();
        float[] kernel = params.get("qkv_kernel").getArray().toFloatArray();
        double scale = 1.0 / Math.sqrt(64) / FlaxInitializer.TRUNCATED_STD; // truncated LeCun normal, fan_in = D
        assertThat(kernel).hasSize(64 * 192);
        assertThat(std(kernel)).as("kernel std 1/sqrt(fan_in)").isCloseTo(1.0 / Math.sqrt(64), within(0.05 / Math.sqrt(64)));
        for (float v : kernel) {
            assertThat((double) Math.abs(v)).as("truncated at 2 sigma").isLessThanOrEqualTo(2 * scale + 1e-6);
        }
        float[] table = params.get("relative_table").getArray().toFloatArray();
        assertThat(std(table)).as("relative table N(0, 1/n_b)").isCloseTo(1.0 / Math.sqrt(16), within(0.35 / Math.sqrt(16)));
        assertThat(params.get("qkv_bias").getArray().abs().sum().getFloat()).isZero();
        assertThat(params.get("out_bias").getArray().abs().sum().getFloat()).isZero();
    }

    private static double std(float[] v) {
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (float x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / v.length);
    }

    @Test
    void trainsSavesAndLoadsInADjlTrainerWithItsDefaults(@TempDir Path dir) throws IOException, ai.djl.MalformedModelException {
        NDArray x = input(21);
        NDArray y;
        try (Model teacher = Model.newInstance("teacher")) { // a target the stack can represent: another stack's output
            teacher.setBlock(djlStack());
            try (Trainer t = teacher.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
                t.initialize(new Shape(B, T, D));
                y = teacher.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
                y.attach(manager);
            }
        }
        float first;
        float last = Float.NaN;
        float[] trained;
        try (Model model = Model.newInstance("student")) {
            model.setBlock(djlStack());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(B, T, D)); // no initializer set by the caller: each parameter brings its own
                assertThat(model.getBlock().getOutputShapes(new Shape[] {new Shape(B, T, D)})).containsExactly(new Shape(B, T, 1));
                first = loss(trainer, x, y);
                for (int i = 0; i < 150; i++) {
                    try (Batch batch = new Batch(trainer.getManager().newSubManager(), new NDList(x.duplicate()), new NDList(y.duplicate()), 1, null, null, 0, 1)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                    }
                }
                last = loss(trainer, x, y);
            }
            assertThat(last).as("loss after 150 Adam steps, from %s", first).isLessThan(first / 4);
            trained = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            model.save(dir, "contract");
        }
        assertThat(Files.list(dir).anyMatch(f -> f.getFileName().toString().endsWith(".params"))).isTrue();
        try (Model loaded = Model.newInstance("loaded")) {
            loaded.setBlock(djlStack());
            loaded.load(dir, "contract");
            float[] again = loaded.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            assertThat(again).as("Model.save then Model.load gives the same outputs").containsExactly(trained);
        }
    }

    private static float loss(Trainer trainer, NDArray x, NDArray y) {
        NDArray pred = trainer.evaluate(new NDList(x)).singletonOrThrow();
        return trainer.getLoss().evaluate(new NDList(y), new NDList(pred)).getFloat();
    }

    @Test
    void returnsTheLatentCodeThroughDjlsForwardWhenAsked() {
        AttentionBlock block = layer().blockBuilder().setModelDim(D).setNumHeads(H).optQkDim(QK).optVDim(V).optMaxSeqLen(T)
                .optReturnCode(true).build();
        assertThat(block.returnsCode()).isTrue();
        block.initialize(manager, DataType.FLOAT32, new Shape(B, T, D));
        NDArray x = input(31);
        ParameterStore ps = new ParameterStore(manager, false);
        NDList out = block.forward(ps, new NDList(x), false);
        assertThat(out).hasSize(2);
        Shape[] declared = block.getOutputShapes(new Shape[] {new Shape(B, T, D)});
        assertThat(declared).containsExactly(new Shape(B, T, D), new Shape(B, H, T, T));
        assertThat(out.get(0).getShape()).isEqualTo(declared[0]);
        assertThat(out.get(1).getShape()).isEqualTo(declared[1]);
        AttentionOutput direct = block.forward(ps, x, null, false);
        assertThat(out.get(1).toFloatArray()).containsExactly(direct.code().toFloatArray());
        assertThat(out.get(0).toFloatArray()).containsExactly(direct.output().toFloatArray());
        // without the option, DJL's path gives the output alone
        AttentionBlock plain = layer().blockBuilder().setModelDim(D).setNumHeads(H).optQkDim(QK).optVDim(V).optMaxSeqLen(T).build();
        assertThat(plain.getOutputShapes(new Shape[] {new Shape(B, T, D)})).containsExactly(new Shape(B, T, D));
    }

    @Test
    void builderDefaultsAreThePapersAndItsConfigMatchesTheRecord() {
        AttentionConfig c = layer().blockBuilder().setModelDim(128).setNumHeads(8).config();
        assertThat(c).isEqualTo(new AttentionConfig(128, 8, 128, 128, AttentionBlock.Builder.DEFAULT_MAX_SEQ_LEN, false,
                AttentionConfig.DEFAULT_ATTENTION_DROPOUT));
        assertThat(layer().blockBuilder().setModelDim(D).setNumHeads(H).optQkDim(QK).optVDim(V).optMaxSeqLen(T).optCausal(true)
                .optAttentionDropout(0.25f).config()).isEqualTo(new AttentionConfig(D, H, QK, V, T, true, 0.25f));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> layer().blockBuilder().setModelDim(D).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setNumHeads");
    }
}
