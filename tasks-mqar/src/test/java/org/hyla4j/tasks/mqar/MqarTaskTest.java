package org.hyla4j.tasks.mqar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.hyla4j.api.InvalidSettingException;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.MetricAccumulator;
import org.junit.jupiter.api.Test;

class MqarTaskTest {

    private static final MqarTask TASK = new MqarTask();

    /** The token at a position, read back from the one-hot inputs. */
    private static int token(Batch b, int example, int pos) {
        int found = -1;
        for (int c = 0; c < b.inputDim(); c++) {
            if (b.inputs()[(example * b.seqLen() + pos) * b.inputDim() + c] == 1f) {
                assertThat(found).as("one-hot").isEqualTo(-1);
                found = c;
            }
        }
        return found;
    }

    @Test
    void aSequenceIsPairsBlanksThenQueriesWhoseTargetsAreTheirValues() {
        MqarInstance t = (MqarInstance) TASK.configure(Map.of("num_pairs", "5", "num_queries", "3", "vocab_size", "20", "seq_len", "16"), 0);
        assertThat(t.causal()).isTrue();
        assertThat(t.readoutPositions()).isEqualTo(3);
        assertThat(t.inputDim()).isEqualTo(21);
        assertThat(t.outputDim()).isEqualTo(10);
        Batch b = t.sample("train", 1, 0, 20);
        for (int e = 0; e < 20; e++) {
            Map<Integer, Integer> pairs = new HashMap<>();
            for (int p = 0; p < 5; p++) {
                int key = token(b, e, 2 * p);
                int value = token(b, e, 2 * p + 1);
                assertThat(key).isBetween(0, 9);
                assertThat(value).isBetween(10, 19);
                assertThat(pairs.put(key, value - 10)).as("keys are distinct").isNull();
            }
            assertThat(token(b, e, 10)).as("blank").isEqualTo(20);
            assertThat(token(b, e, 12)).isEqualTo(20);
            for (int j = 0; j < 3; j++) {
                int query = token(b, e, 13 + j);
                assertThat(pairs).containsKey(query);
                assertThat(b.targets()[e * 3 + j]).as("the target is the queried key's value").isEqualTo((float) pairs.get(query));
            }
        }
    }

    @Test
    void oodAsksOnlyForBindingsTrainingNeverShows() {
        MqarInstance t = (MqarInstance) TASK.configure(Map.of("vocab_size", "16", "num_pairs", "4", "frac_ood", "0.25"), 7);
        boolean[][] seenInTraining = new boolean[8][8];
        for (int step = 0; step < 200; step++) {
            for (Object o : t.sample("train", 0, step, 32).examples()) {
                MqarInstance.Example e = (MqarInstance.Example) o;
                for (int p = 0; p < 4; p++) {
                    seenInTraining[e.keys()[p]][e.values()[p]] = true;
                }
            }
        }
        int seen = 0;
        for (boolean[] row : seenInTraining) {
            for (boolean s : row) {
                seen += s ? 1 : 0;
            }
        }
        assertThat(seen).as("training covers exactly its bindings").isEqualTo(t.splitSizes().get("train")).isEqualTo(8 * 6);
        for (int step = 0; step < 20; step++) {
            for (Object o : t.sample("ood", 0, step, 32).examples()) {
                MqarInstance.Example e = (MqarInstance.Example) o;
                for (int p = 0; p < 4; p++) {
                    assertThat(seenInTraining[e.keys()[p]][e.values()[p]]).as("an ood binding is new").isFalse();
                }
            }
        }
        MqarInstance other = (MqarInstance) TASK.configure(Map.of("vocab_size", "16", "num_pairs", "4", "frac_ood", "0.25"), 8);
        boolean differ = false;
        for (int key = 0; key < 8; key++) {
            differ |= !java.util.Arrays.equals(t.values("ood", key), other.values("ood", key));
        }
        assertThat(differ).as("the held-out bindings come from the root seed").isTrue();
    }

    @Test
    void recallingFromTheContextScoresOneAndChanceIsTheBaseline() {
        MqarInstance t = (MqarInstance) TASK.configure(Map.of(), 0);
        Batch b = t.sample("ood", 0, 0, 16);
        int q = t.readoutPositions();
        int k = t.outputDim();
        float[] oracle = new float[16 * q * k];
        for (int e = 0; e < 16; e++) {
            for (int j = 0; j < q; j++) {
                int query = token(b, e, t.seqLen() - q + j);
                for (int pos = 0; pos < t.seqLen() - q; pos += 2) {
                    if (token(b, e, pos) == query) {
                        oracle[(e * q + j) * k + token(b, e, pos + 1) - k] = 1f; // recall the value beside the key
                    }
                }
            }
        }
        MetricAccumulator m = t.metrics();
        m.add(oracle, b);
        assertThat(m.result()).containsEntry("acc", 1.0).containsEntry("acc_all", 1.0);
        assertThat(t.baselines(b).get("baseline_chance_acc")).isEqualTo(1.0 / k);
    }

    @Test
    void impossibleLayoutsAreOneClearError() {
        assertThatThrownBy(() -> TASK.configure(Map.of("num_pairs", "8", "seq_len", "20"), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("seq_len").hasMessageContaining("[24,");
        assertThatThrownBy(() -> TASK.configure(Map.of("num_pairs", "40"), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("num_pairs").hasMessageContaining("[1, 16]");
        assertThatThrownBy(() -> TASK.configure(Map.of("num_queries", "5"), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("num_queries");
    }
}
