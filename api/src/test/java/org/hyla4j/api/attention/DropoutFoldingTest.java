package org.hyla4j.api.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attention dropout through {@link ScoreNormalizer#normalize(NDArray, NDArray)}: a normalizer that folds the
 * keep-mask into its own factor (RMSHead) must give the outputs and gradients of σ(S) ⊙ M computed the plain
 * way, and the layer must still report the code before dropout.
 */
class DropoutFoldingTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** The same σ without its folded form: the interface's default, σ(S) then a multiply by M. */
    private static ScoreNormalizer unfolded(ScoreNormalizer n) {
        return new ScoreNormalizer() {
            @Override
            public String id() {
                return n.id();
            }

            @Override
            public float maskedScore() {
                return n.maskedScore();
            }

            @Override
            public NDArray normalize(NDArray scores) {
                return n.normalize(scores);
            }
        };
    }

    @ParameterizedTest(name = "σ={0} target={1}")
    @MethodSource("org.hyla4j.api.attention.NaiveReferenceTest#compositions")
    void foldedDropoutMatchesTheMaskedCodeInOutputsAndGradients(String normalizer, String target) {
        int t = 7;
        for (boolean causal : new boolean[] {false, true}) {
            AttentionConfig c = new AttentionConfig(9, 5, 10, 15, t, causal, 0.25f);
            AttentionFixture f = AttentionFixture.random(c, 13);
            Random r = new Random(3);
            float[] x = AttentionFixture.toFloat(AttentionFixture.gauss(r, 2 * t * 9, 1.0));
            float[] probe = AttentionFixture.toFloat(AttentionFixture.gauss(r, 2 * t * 9, 1.0));
            float[] keep = new float[t * t];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = r.nextDouble() < 0.25 ? 0f : 1f / 0.75f;
            }
            List<float[]> folded = run(f.block(manager, AttentionFixture.normalizer(normalizer), AttentionFixture.target(target)), x, probe, keep, t);
            List<float[]> plain = run(f.block(manager, unfolded(AttentionFixture.normalizer(normalizer)), AttentionFixture.target(target)), x, probe, keep, t);
            String[] names = {"output", "code", "eval code", "dx", "qkv_kernel", "relative_table"};
            for (int k = 0; k < names.length; k++) {
                float[] a = folded.get(k);
                float[] b = plain.get(k);
                assertThat(a).as(names[k]).hasSameSizeAs(b);
                for (int i = 0; i < a.length; i++) {
                    assertThat(a[i]).as("%s[%d] causal=%s", names[k], i, causal).isCloseTo(b[i], within(1e-4f * Math.max(1, Math.abs(b[i]))));
                }
            }
            // the code is taken before dropout: the training code equals the evaluation code
            float[] code = folded.get(1);
            float[] evalCode = folded.get(2);
            for (int i = 0; i < code.length; i++) {
                assertThat(code[i]).isCloseTo(evalCode[i], within(1e-6f));
            }
            // and the mask did act: some output differs from evaluation without dropout
            assertThat(folded.get(0)).isNotEqualTo(folded.get(6));
        }
    }

    /** output, code, eval code, dL/dx, dL/dqkv_kernel, dL/drelative_table, eval output. */
    private static List<float[]> run(AttentionBlock block, float[] x, float[] probe, float[] keep, int t) {
        var params = block.getParameters();
        params.forEach(p -> p.getValue().getArray().setRequiresGradient(true));
        List<float[]> out = new ArrayList<>();
        try (NDManager step = manager.newSubManager()) {
            NDArray xs = step.create(x, new Shape(2, t, 9));
            xs.setRequiresGradient(true);
            NDArray mask = step.create(keep, new Shape(1, 1, t, t));
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                AttentionOutput o = block.forward(new ParameterStore(step, false), xs, mask, true);
                out.add(o.output().toFloatArray());
                gc.backward(o.output().mul(step.create(probe, new Shape(2, t, 9))).sum());
                out.add(o.code().toFloatArray());
            }
            AttentionOutput eval = block.forward(new ParameterStore(step, false), xs, null, false);
            out.add(eval.code().toFloatArray());
            out.add(xs.getGradient().toFloatArray());
            out.add(params.get("qkv_kernel").getArray().getGradient().toFloatArray());
            out.add(params.get("relative_table").getArray().getGradient().toFloatArray());
            out.add(eval.output().toFloatArray());
        }
        return out;
    }
}
