package org.hyla4j.tasks.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.hyla4j.api.InvalidSettingException;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.MetricAccumulator;
import org.hyla4j.api.task.TaskInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmTaskTest {

    private static final LmTask TASK = new LmTask();

    /** A corpus whose byte at offset i is one of 'a'..'z' picked from i, so a window's offset can be read back from its bytes. */
    private static Path corpus(Path dir, int bytes) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes; i++) {
            sb.append((char) ('a' + (i * 7 + i / 26) % 26));
        }
        Path f = dir.resolve("corpus.txt");
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void targetsAreTheInputsShiftedByOneAndAttentionIsCausal() {
        TaskInstance t = TASK.configure(Map.of("synthetic_bytes", "30000", "seq_len", "12"), 0);
        assertThat(t.causal()).isTrue();
        assertThat(t.readoutPositions()).isEqualTo(12);
        Batch b = t.sample("train", 1, 2, 4);
        int v = t.inputDim();
        for (int e = 0; e < 4; e++) {
            for (int i = 0; i + 1 < 12; i++) {
                int next = -1;
                for (int c = 0; c < v; c++) {
                    next = b.inputs()[((e * 12) + i + 1) * v + c] == 1f ? c : next;
                }
                assertThat(b.targets()[e * 12 + i]).isEqualTo((float) next);
            }
        }
    }

    @Test
    void trainTestAndOodWindowsNeverOverlap(@TempDir Path dir) throws Exception {
        Path f = corpus(dir, 50_000);
        TaskInstance t = TASK.configure(Map.of("corpus", f.toString(), "seq_len", "31", "frac_test", "0.2", "frac_ood", "0.1"), 0);
        byte[] text = Files.readAllBytes(f);
        Map<String, Set<Integer>> covered = new java.util.HashMap<>();
        for (String split : new String[] {"train", "test", "ood"}) {
            Set<Integer> bytes = new HashSet<>();
            for (int step = 0; step < 50; step++) {
                for (Object o : t.sample(split, 3, step, 16).examples()) {
                    LmInstance.Window w = (LmInstance.Window) o;
                    long start = w.part() == 0 ? w.offset() : text.length - t.splitSizes().get("ood") + w.offset();
                    Batch one = new Batch(1, 31, t.inputDim(), new float[0], new float[0], java.util.List.of(w));
                    assertThat(t.describe(one, 0).get("inputs")).as("the window is the corpus's bytes at its offset")
                            .isEqualTo(new String(text, (int) start, 31, StandardCharsets.US_ASCII));
                    for (int i = 0; i <= 31; i++) {
                        bytes.add((int) start + i);
                    }
                }
            }
            covered.put(split, bytes);
        }
        assertThat(covered.get("train")).doesNotContainAnyElementsOf(covered.get("test")).doesNotContainAnyElementsOf(covered.get("ood"));
        assertThat(covered.get("test")).doesNotContainAnyElementsOf(covered.get("ood"));
        assertThat(covered.get("ood")).allMatch(i -> i >= text.length - 5_000, "ood is the corpus's last 10 %");
    }

    @Test
    void theVocabularyIsTheCorpussBytes(@TempDir Path dir) throws Exception {
        TaskInstance t = TASK.configure(Map.of("corpus", corpus(dir, 20_000).toString(), "seq_len", "16"), 0);
        assertThat(t.inputDim()).isEqualTo(26).isEqualTo(t.outputDim());
    }

    @Test
    void badCorporaAreOneClearError(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> TASK.configure(Map.of("corpus", dir.resolve("missing.txt").toString()), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("does not exist");
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        assertThatThrownBy(() -> TASK.configure(Map.of("corpus", empty.toString()), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("is empty");
        byte[] latin1 = "caf\u00e9 au lait ".repeat(2_000).getBytes(StandardCharsets.ISO_8859_1);
        Path bad = Files.write(dir.resolve("latin1.txt"), latin1);
        assertThatThrownBy(() -> TASK.configure(Map.of("corpus", bad.toString()), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("is not UTF-8").hasMessageContaining("at byte 3");
        Path small = Files.writeString(dir.resolve("small.txt"), "tiny text");
        assertThatThrownBy(() -> TASK.configure(Map.of("corpus", small.toString()), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("too small for seq_len 64");
    }

    @Test
    void metricsAgreeWithTheirDefinitions() {
        TaskInstance t = TASK.configure(Map.of("synthetic_bytes", "30000", "seq_len", "8"), 0);
        Batch b = t.sample("test", 0, 0, 3);
        int v = t.outputDim();
        MetricAccumulator uniform = t.metrics();
        uniform.add(new float[3 * 8 * v], b);
        assertThat(uniform.result().get("ppl")).isCloseTo(v, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(uniform.result().get("bits_per_byte")).isCloseTo(Math.log(v) / Math.log(2), org.assertj.core.data.Offset.offset(1e-9));
        float[] sure = new float[3 * 8 * v];
        for (int i = 0; i < 3 * 8; i++) {
            sure[i * v + (int) b.targets()[i]] = 50f;
        }
        MetricAccumulator perfect = t.metrics();
        perfect.add(sure, b);
        assertThat(perfect.result().get("acc")).isEqualTo(1.0);
        assertThat(perfect.result().get("ppl")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        Map<String, Double> base = t.baselines(b);
        assertThat(base.get("baseline_bigram_ppl")).as("a bigram model of the grammar beats a unigram model")
                .isLessThan(base.get("baseline_unigram_ppl")).isLessThan(v);
    }
}
