package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data export} round-trips: targets recomputed from the exported latent equal the stored ones. */
class DataExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> export(Path tmp, String task, String split, int count) throws Exception {
        Path out = tmp.resolve(task + ".jsonl");
        CliRunner.Result r = CliRunner.run("data", "export", "--task", task, "--split", split, "--count", String.valueOf(count),
                "--seed", "3", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> lines = Files.readAllLines(out).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(lines).hasSize(count);
        return lines;
    }

    @Test
    void fuzzyLogicTargetsFollowFromTheExportedTerms(@TempDir Path tmp) throws Exception {
        for (JsonNode n : export(tmp, "fuzzylogic", "test", 300)) {
            JsonNode tokens = n.get("inputs");
            JsonNode query = tokens.get(tokens.size() - 1);
            double best = 0;
            for (JsonNode term : n.get("latent").get("terms")) {
                double m = 1;
                for (int j = 0; j < 4; j++) {
                    int bit = (term.asInt() >> (3 - j)) & 1;
                    double x = query.get(j).asDouble();
                    m = Math.min(m, bit == 1 ? x : 1 - x);
                }
                best = Math.max(best, m);
            }
            assertThat(n.get("target").asDouble()).isCloseTo(best, within(1e-6));
            assertThat(query.get(4).asDouble()).isZero();
        }
    }

    @Test
    void sravenAnswersFollowFromTheExportedRulesAndPermutations(@TempDir Path tmp) throws Exception {
        for (JsonNode n : export(tmp, "sraven", "ood", 300)) {
            JsonNode latent = n.get("latent");
            JsonNode perms = latent.get("column_permutations");
            JsonNode panels = n.get("inputs");
            int k = 4;
            int[] answer = new int[k];
            for (int f = 0; f < k; f++) {
                int rule = latent.get("rules").get(f).asInt();
                int[][] g = new int[3][3];
                for (int p = 0; p < 8; p++) {
                    int c = p % 3;
                    int slot = -1;
                    for (int s = 0; s < k; s++) {
                        if (perms.get(c).get(s).asInt() == f) {
                            slot = s;
                        }
                    }
                    g[p / 3][c] = panels.get(p).get(slot).asInt();
                }
                int a = g[2][0];
                int b = g[2][1];
                int value = switch (rule) {
                    case 0 -> a;
                    case 1, 2 -> Math.floorMod(b + rule, 8);
                    case 3 -> Math.floorMod(b - 1, 8);
                    case 4 -> Math.floorMod(b - 2, 8);
                    case 5 -> Math.floorMod(a + b, 8);
                    case 6 -> Math.floorMod(a - b, 8);
                    default -> g[0][0] + g[0][1] + g[0][2] - a - b;
                };
                for (int s = 0; s < k; s++) {
                    if (perms.get(2).get(s).asInt() == f) {
                        answer[s] = value;
                    }
                }
            }
            for (int s = 0; s < k; s++) {
                assertThat(n.get("target").get(s).asInt()).isEqualTo(answer[s]);
            }
        }
    }

    @Test
    void statsPrintSplitSizesAndBaselines() {
        CliRunner.Result r = CliRunner.run("data", "stats", "--task", "fuzzylogic", "--frac-test", "0.7", "--examples", "512");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("train\\s+20").containsPattern("test\\s+46").containsPattern("ood\\s+6")
                .contains("baseline_3nn_r2");
        CliRunner.Result s = CliRunner.run("data", "stats", "--task", "sraven", "--examples", "64");
        assertThat(s.out()).containsPattern("train\\s+248").containsPattern("ood\\s+82").contains("ambiguous_answer_fraction");
    }

    @Test
    void presetAppliesItsTaskOptionsSoThePapersSplitCanBeExported(@TempDir Path tmp) throws Exception {
        // the paper preset holds out what the paper's code holds out (task option split=jax): --preset paper gives exactly
        // what naming that option gives, and another held-out set than the default (small) preset's
        String[] common = {"data", "export", "--task", "sraven", "--split", "ood", "--count", "50", "--seed", "1"};
        Path preset = tmp.resolve("preset.jsonl");
        Path option = tmp.resolve("option.jsonl");
        Path plain = tmp.resolve("plain.jsonl");
        assertThat(CliRunner.run(concat(common, "--preset", "paper", "--out", preset.toString())).exit()).isZero();
        assertThat(CliRunner.run(concat(common, "--task-opt", "split=jax", "--out", option.toString())).exit()).isZero();
        assertThat(CliRunner.run(concat(common, "--out", plain.toString())).exit()).isZero();
        assertThat(Files.readAllLines(preset)).isEqualTo(Files.readAllLines(option));
        assertThat(Files.readAllLines(preset)).isNotEqualTo(Files.readAllLines(plain));
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
