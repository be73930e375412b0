package org.hyla4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.hyla4j.core.nn.HylaTransformer;
import org.hyla4j.core.nn.Models;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    @Test
    void forwardChunkKeepsTheCodeOfOnePassUnderItsBound() {
        assertThat(Evaluator.forwardChunk(8, 32, Evaluator.CHUNK_FLOATS)).isEqualTo(256); // fuzzy logic, paper
        assertThat(Evaluator.forwardChunk(16, 36, Evaluator.CHUNK_FLOATS)).isEqualTo(128); // SRAVEN
        assertThat(Evaluator.forwardChunk(16, 64, Evaluator.CHUNK_FLOATS)).isEqualTo(64); // lm, small
        assertThat(Evaluator.forwardChunk(8, 96, Evaluator.CHUNK_FLOATS)).isEqualTo(32);
        assertThat(Evaluator.forwardChunk(16, 4096, Evaluator.CHUNK_FLOATS)).isEqualTo(Evaluator.MIN_CHUNK);
    }

    @Test
    void aChunkedForwardPassGivesTheMetricsOfOnePass() {
        ToyRegression task = new ToyRegression();
        try (NDManager m = NDManager.newBaseManager()) {
            HylaTransformer model = Models.build(m, TrainingLoopTest.MODEL, TrainingLoopTest.layer("linear_hypatt", "rms_head", "mlp_relu"), 5);
            long perExample = (long) TrainingLoopTest.MODEL.numHeads() * ToyRegression.T * ToyRegression.T;
            // 300 examples: one full batch of 256 and one of 44; chunks of 16 leave a remainder in both
            Map<String, Double> whole = new Evaluator(task, 3, 300, Long.MAX_VALUE).evaluate(model, m);
            Map<String, Double> chunked = new Evaluator(task, 3, 300, 16 * perExample).evaluate(model, m);
            assertThat(chunked.keySet()).isEqualTo(whole.keySet()).isNotEmpty();
            whole.forEach((k, v) -> assertThat(chunked.get(k)).as(k).isCloseTo(v, within(1e-6 * Math.max(1, Math.abs(v)))));
        }
    }
}
