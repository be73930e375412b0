package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hyla4j bench} end to end on a tiny configuration: table, JSON rows, peer row and the operator profile. */
class BenchCommandTest {

    @Test
    void benchWritesRowsAndAnOperatorProfile(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("bench.json");
        Path profile = tmp.resolve("profile");
        CliRunner.Result r = CliRunner.run("bench", "--task", "fuzzylogic", "--attention", "linear_hypatt", "--batch", "8", "--steps", "2",
                "--warmup-steps", "1", "--threads", "1", "--repeat", "3", "--json", json.toString(), "--profile", profile.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("linear_hypatt", "djl_transformer_encoder", "matmul peak", "profile of linear_hypatt",
                "| aten::mm |", "| all operators |");
        assertThat(profile.resolve("linear_hypatt.trace.json")).isNotEmptyFile();
        assertThat(profile.resolve("djl_transformer_encoder.trace.json")).isNotEmptyFile();
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("repetitions")).as("the raw repetitions").hasSize(3);
        // which engine the numbers are of: an engine comparison (docs/results/bench/engines) rests on it
        assertThat(doc.get("pytorch_version").asText()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(doc.get("libtorch").get("source").asText()).isNotBlank();
        assertThat(r.err()).contains("PyTorch " + doc.get("pytorch_version").asText());
        assertThat(doc.get("repetitions").get(2).get("peak_gflops").asDouble()).isPositive();
        assertThat(doc.get("summary")).hasSize(2);
        JsonNode summary = doc.get("summary").get(0);
        assertThat(summary.get("step_ms").get("n").asInt()).isEqualTo(3);
        assertThat(summary.get("step_ms").get("lo").asDouble()).isLessThanOrEqualTo(summary.get("step_ms").get("median").asDouble());
        assertThat(doc.get("ratios").get(0).get("numerator").asText()).isEqualTo("linear_hypatt");
        assertThat(doc.get("ratios").get(0).get("denominator").asText()).isEqualTo("djl_transformer_encoder");
        assertThat(r.out()).contains("over 3 repetitions", "linear_hypatt / djl_transformer_encoder step time");
        JsonNode rows = doc.get("repetitions").get(0).get("rows");
        assertThat(rows).hasSize(2);
        JsonNode row = rows.get(0);
        assertThat(row.get("attention").asText()).isEqualTo("linear_hypatt");
        java.util.List<String> keys = new java.util.ArrayList<>();
        row.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as("one flat row, as bench JSON always had").containsExactlyInAnyOrder("attention", "step_ms", "step_ms_p10",
                "step_ms_p90", "data_ms", "data_share", "gflop_per_step", "gflops", "mfu", "tokens_per_s", "rss_mb", "rss_growth_pct",
                "parameters");
        assertThat(row.get("step_ms_p10").asDouble()).isLessThanOrEqualTo(row.get("step_ms").asDouble());
        assertThat(row.get("step_ms").asDouble()).isPositive();
        assertThat(row.get("mfu").asDouble()).isBetween(0.0, 1.0);
        assertThat(row.get("gflops").asDouble()).isPositive();
        assertThat(doc.get("threads").asInt()).isEqualTo(1);
    }

    @Test
    void badBenchInputGetsOneLine() {
        CliRunner.Result r = CliRunner.run("bench", "--task", "fuzzylogic", "--attention", "nope", "--steps", "1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: ").doesNotContain("\n");
    }
}
