package org.hyla4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.nn.ParameterList;
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
}
