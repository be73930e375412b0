package org.hyla4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** One invocation of each benchmark per variant: it measures real work (finite output, gradients on every parameter). */
class AttentionLayerBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"softmax_attention", "linear_attention", "linear_hypatt", "linear_attention_rms_head", "linear_hypatt_no_rms_head",
        "linear_hypatt_mlp_linear", "linear_hypatt_mlp_linear_no_rms_head", "softmax_hypatt"})
    void benchmarksRunEveryVariantAtThePapersShape(String variant) {
        AttentionLayerBenchmark b = new AttentionLayerBenchmark();
        b.variant = variant;
        b.shape = "sraven";
        b.setUp();
        try {
            assertThat(b.x.getShape().toString()).isEqualTo("(128, 36, 128)");
            float forward = b.forward();
            assertThat(forward).isFinite();
            float loss = b.forwardBackward();
            assertThat(loss).isEqualTo(forward); // same input, same mask: the same computation
            assertThat(b.manager.getManagedArrays()).hasSizeLessThan(20); // per-invocation arrays were freed
            b.block.getParameters().forEach(p -> {
                NDArray g = p.getValue().getArray().getGradient();
                assertThat(g.abs().sum().getFloat()).as(p.getKey()).isPositive();
            });
        } finally {
            b.tearDown();
        }
    }

    @Test
    void anUnknownVariantFailsInSetUp() {
        AttentionLayerBenchmark b = new AttentionLayerBenchmark();
        b.variant = "nope";
        b.shape = "fuzzylogic";
        assertThatThrownBy(b::setUp).hasMessageContaining("unknown attention variant nope");
    }
}
