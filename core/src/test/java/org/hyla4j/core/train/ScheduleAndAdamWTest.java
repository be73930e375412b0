package org.hyla4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleAndAdamWTest {

    @Test
    void scheduleMatchesOptaxAtTheSpecsSteps() {
        WarmupCosineSchedule s = new WarmupCosineSchedule(1e-3, 100, 50_000);
        assertThat(s.at(0)).isZero();
        assertThat(s.at(50)).isCloseTo(5e-4, within(1e-12));
        assertThat(s.at(100)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.at(25_000)).isCloseTo(5.5e-4, within(1e-12));
        for (int t = 49_900; t < 50_000; t++) {
            assertThat(s.at(t)).isCloseTo(1e-4, within(1e-12));
        }
        assertThat(s.at(49_899)).isGreaterThan(1e-4);
    }

    private static Parameter param(NDManager m, String name, Shape shape, float[] value, float[] grad) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape).build();
        p.setShape(null);
        p.setArray(m.create(value, shape));
        p.getArray().setRequiresGradient(true);
        try (GradientCollector gc = m.getEngine().newGradientCollector()) {
            gc.backward(p.getArray().mul(m.create(grad, shape)).sum()); // d/dp Σ p·g = g
        }
        return p;
    }

    @Test
    void adamWDecaysOnlyMatricesAndMatchesTheFirstStepByHand() {
        try (NDManager m = NDManager.newBaseManager(); NDManager step = m.newSubManager()) {
            Parameter matrix = param(m, "kernel", new Shape(1, 2), new float[] {1f, -2f}, new float[] {0.5f, 0f});
            Parameter vector = param(m, "bias", new Shape(2), new float[] {1f, -2f}, new float[] {0.5f, 0f});
            AdamW adam = new AdamW(List.of(new Pair<>("kernel", matrix), new Pair<>("bias", vector)), 0.1, DecayMask.PAPER, m);
            double norm = adam.update(0.01, step);
            assertThat(norm).isCloseTo(Math.sqrt(0.5), within(1e-6));
            // first step: m̂ = g, v̂ = g², so the Adam part is g/(|g| + ε) = sign(g) (0 where g = 0)
            float[] mat = matrix.getArray().toFloatArray();
            assertThat((double) mat[0]).isCloseTo(1 - 0.01 * (1 + 0.1 * 1), within(1e-6));
            assertThat((double) mat[1]).isCloseTo(-2 - 0.01 * (0.1 * -2), within(1e-6));
            float[] vec = vector.getArray().toFloatArray();
            assertThat((double) vec[0]).isCloseTo(1 - 0.01, within(1e-6));
            assertThat(vec[1]).isEqualTo(-2f); // no gradient and no decay for a 1-D parameter
            assertThat(matrix.getArray().getGradient().toFloatArray()).containsOnly(0f); // zeroed after the update
            assertThat(adam.decayed()).containsExactly("kernel");
        }
    }
}
