package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults, then --config (YAML or JSON), then flags; the resolved config is saved with the run. */
class ConfigResolutionTest {

    @Test
    void flagsOverrideTheFileWhichOverridesThePreset(@TempDir Path tmp) throws Exception {
        Path yaml = Files.writeString(tmp.resolve("c.yaml"), "task: fuzzylogic\nsteps: 4\nbatch: 6\nlr: 0.002\nseqLen: 12\n"
                + "evalExamples: 32\ntaskOptions:\n  frac_test: '0.7'\n");
        Path out = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("train", "--config", yaml.toString(), "--batch", "5", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        var c = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertThat(c.get("steps").asInt()).isEqualTo(4); // file
        assertThat(c.get("batch").asInt()).isEqualTo(5); // flag over file
        assertThat(c.get("lr").asDouble()).isEqualTo(0.002); // file over preset
        assertThat(c.get("weightDecay").asDouble()).isEqualTo(0.1); // preset
        assertThat(c.get("taskOptions").get("seq_len").asText()).isEqualTo("12");
        assertThat(c.get("taskOptions").get("frac_test").asText()).isEqualTo("0.7");
        assertThat(c.get("modelDim").asInt()).isEqualTo(128);
        assertThat(r.err()).contains("config: {");
        var p = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
        assertThat(p.get("device").asText()).isNotBlank();
        assertThat(p.get("threads").asInt()).isPositive();
        assertThat(p.get("seeds").get("root").asLong()).isZero();

        Path json = Files.writeString(tmp.resolve("c.json"), "{\"task\": \"sraven\", \"width\": 2, \"layers\": 1, \"steps\": 2, \"batch\": 2, "
                + "\"evalExamples\": 16}");
        Path out2 = tmp.resolve("run2");
        CliRunner.Result r2 = CliRunner.run("train", "--config", json.toString(), "--out", out2.toString());
        assertThat(r2.exit()).as(r2.err()).isZero();
        var c2 = new ObjectMapper().readTree(out2.resolve("config.json").toFile());
        // the width multiplier scales heads, D, qk, v and MLP; per-head sizes stay 4
        assertThat(c2.get("modelDim").asInt()).isEqualTo(256);
        assertThat(c2.get("qkDim").asInt()).isEqualTo(128);
        assertThat(c2.get("mlpDim").asInt()).isEqualTo(512);
        assertThat(c2.get("heads").asInt() * c2.get("width").asInt()).isEqualTo(32);
    }

    @Test
    void aRunsConfigJsonCanBePassedBackAndReproducesTheSameConfig(@TempDir Path tmp) throws Exception {
        Path first = tmp.resolve("first");
        CliRunner.Result r = CliRunner.run("train", "--task", "fuzzylogic", "--steps", "3", "--batch", "4", "--eval-examples", "16",
                "--width", "2", "--heads", "3", "--seed", "5", "--out", first.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Path second = tmp.resolve("second");
        CliRunner.Result r2 = CliRunner.run("train", "--config", first.resolve("config.json").toString(), "--seed", "5",
                "--out", second.toString());
        assertThat(r2.exit()).as(r2.err()).isZero();
        var mapper = new ObjectMapper();
        assertThat(mapper.readTree(second.resolve("config.json").toFile())).isEqualTo(mapper.readTree(first.resolve("config.json").toFile()));

        // a derived size that disagrees with the settings is refused, naming the field
        Path edited = Files.writeString(tmp.resolve("edited.json"), Files.readString(first.resolve("config.json"))
                .replaceFirst("\"modelDim\" : \\d+", "\"modelDim\" : 100"));
        CliRunner.Result bad = CliRunner.run("train", "--config", edited.toString(), "--out", tmp.resolve("bad").toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip().lines()).hasSize(1);
        assertThat(bad.err()).contains("modelDim 100 does not match", "width");
    }
}
