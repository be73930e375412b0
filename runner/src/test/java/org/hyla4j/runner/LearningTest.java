package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: softmax attention and HYLA, trained by the CLI for 3,000 steps on fuzzy logic (about 3 minutes on
 * 2 cores), learn the task in distribution, clearly beyond the 3-NN baseline on the same evaluation set. Unit
 * tests check each piece against references; this checks that together they learn. Run with {@code -Pslow}.
 */
@Tag("slow")
class LearningTest {

    @Test
    void softmaxAndHylaLearnFuzzyLogicBeyondTheNearestNeighbourBaseline(@TempDir Path tmp) throws Exception {
        CliRunner.Result r = CliRunner.run("compare", "--task", "fuzzylogic", "--attention", "softmax_attention,linear_hypatt",
                "--seeds", "0", "--steps", "3000", "--eval-every", "3000", "--threads", "2", "--out", tmp.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        for (String variant : new String[] {"softmax_attention", "linear_hypatt"}) {
            JsonNode result = new ObjectMapper().readTree(CliRunner.runDir(tmp, variant, 0).resolve("result.json").toFile());
            double r2 = result.get("metrics").get("train/r2").asDouble();
            double baseline = result.get("baselines").get("train/baseline_3nn_r2").asDouble();
            assertThat(r2).as(variant + " in-distribution R² vs 3-NN %.3f", baseline).isGreaterThan(baseline + 0.05);
        }
    }
}
