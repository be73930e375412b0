package org.hyla4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hyla4j.api.task.Batch;
import org.junit.jupiter.api.Test;

/** In a paired comparison every variant sees exactly the same batches; another seed sees other batches. */
class SeedStreamsTest {

    /** Records a fingerprint of every training batch handed out. */
    static final class Recording extends ToyRegression {
        final List<String> seen = new ArrayList<>();

        @Override
        public Batch sample(String split, long seed, long step, int batchSize) {
            Batch b = super.sample(split, seed, step, batchSize);
            if (split.equals("train")) {
                seen.add(step + ":" + Arrays.hashCode(b.inputs()) + ":" + Arrays.hashCode(b.targets()));
            }
            return b;
        }
    }

    private static List<String> batches(String id, String n, String t, long seed) {
        Recording task = new Recording();
        TrainingConfig cfg = TrainingConfig.builder().steps(15).batch(8).lr(1e-3).weightDecay(0.1).warmup(2)
                .evalEvery(15).evalExamples(64).checkpointEvery(100).seed(seed).build();
        new TrainingLoop(task, TrainingLoopTest.layer(id, n, t), TrainingLoopTest.MODEL, cfg).run(null, false, new TrainingListener() {
        }, null);
        return task.seen;
    }

    @Test
    void variantsShareTheDataStreamOfARootSeed() {
        List<String> softmax = batches("softmax_attention", "softmax", "default", 4);
        List<String> hyla = batches("linear_hypatt", "rms_head", "mlp_relu", 4);
        assertThat(softmax).hasSize(15).containsExactlyElementsOf(hyla);
        assertThat(batches("linear_hypatt", "rms_head", "mlp_relu", 5)).doesNotContainAnyElementsOf(softmax);
    }
}
