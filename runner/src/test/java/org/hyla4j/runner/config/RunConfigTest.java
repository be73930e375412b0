package org.hyla4j.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyla4j.runner.TestCatalog;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.plugins.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The immutable configuration and its builder: layering, defaults, round trips and the config.json of earlier versions. */
class RunConfigTest {

    private static final Catalog CATALOG = TestCatalog.builtIn();

    @Test
    void layersApplyInOrderAndTaskOptionsMergeKeyByKey() {
        RunSettings file = RunConfig.builder().task("fuzzylogic").steps(100).lr(1e-3).taskOption("num_terms", "3").taskOption("frac_ood", "0.5");
        RunSettings flags = RunConfig.builder().steps(200).taskOption("num_terms", "4");
        RunConfig c = file.copy().over(flags).build(CATALOG);
        assertThat(c.steps()).isEqualTo(200);
        assertThat(c.lr()).isEqualTo(1e-3);
        assertThat(c.taskOptions()).containsEntry("num_terms", "4").containsEntry("frac_ood", "0.5");
        assertThat(file.build(CATALOG).steps()).isEqualTo(100); // copy() left the first layer as it was
    }

    @Test
    void whatIsLeftOpenComesFromThePresetAndTheDefaults() {
        RunConfig c = RunConfig.builder().task("sraven").preset("paper").steps(5000).build(CATALOG);
        assertThat(c.attention()).containsExactly(Defaults.VARIANT);
        assertThat(c.seeds()).containsExactly(Defaults.SEED);
        assertThat(c.batch()).isEqualTo(128);
        assertThat(c.layers()).isEqualTo(4);
        assertThat(c.warmup()).isEqualTo(500); // the preset's 1000, capped at a tenth of the run
        assertThat(c.width()).isEqualTo(1);
        assertThat(c.device()).isEqualTo("auto");
        RunConfig wide = RunConfig.builder().task("sraven").preset("paper").width(2).build(CATALOG);
        assertThat(wide.modelDim()).isEqualTo(2 * c.modelDim());
        assertThat(wide.qkDim()).isEqualTo(2 * c.qkDim());
    }

    @Test
    void eachConstantDefaultIsDefinedOnceInTheSettingTableAndItsHelpSaysIt() {
        RunConfig c = RunConfig.builder().task("fuzzylogic").build(CATALOG);
        var json = org.hyla4j.runner.base.Json.PRETTY.valueToTree(c);
        int constants = 0;
        for (Setting s : Setting.values()) {
            if (s.spec().fallback() == null) {
                assertThat(s.help()).doesNotContain("Default:");
                continue;
            }
            assertThat(s.help()).endsWith(" Default: " + s.spec().fallback().text() + ".");
            assertThat(s.spec().description()).doesNotContainIgnoringCase("default");
            if (s.spec().fallback().value() != null) { // what a run gets when nothing sets it is the table's value
                assertThat(json.get(s.spec().field()).asText()).as(s.name()).isEqualTo(String.valueOf(s.spec().fallback().value()));
                constants++;
            }
        }
        assertThat(constants).isEqualTo(5); // preset, decay mask, width, attention dropout, device
        assertThat(c.attentionDropout()).isEqualTo(0.1);
    }

    @Test
    void theTrainingRegimeIsRecordedDefaultsToThePapersAndIsPartOfTheExperiment(@TempDir Path tmp) {
        RunConfig paper = RunConfig.builder().task("fuzzylogic").preset("paper").build(CATALOG);
        assertThat(paper.decayMask()).isEqualTo("paper");
        assertThat(paper.training(0).decayMask()).isEqualTo(org.hyla4j.core.train.DecayMask.PAPER);
        assertThat(paper.taskOptions()).containsEntry("split", "jax");
        Json.write(tmp.resolve("config.json"), paper);
        assertThat(RunConfig.read(tmp.resolve("config.json"), CATALOG)).isEqualTo(paper);
        RunConfig small = RunConfig.builder().task("fuzzylogic").build(CATALOG);
        assertThat(small.decayMask()).isEqualTo("paper");
        assertThat(small.taskOptions()).doesNotContainKey("split");
        // each regime setting changes the experiment; its legacy value is left out of the identity
        RunConfig matrices = small.toBuilder().decayMask("matrices").build(CATALOG);
        assertThat(matrices.sameExperimentAs(small)).isFalse();
        assertThat(matrices.experiment().has("decayMask")).isFalse();
        assertThat(small.experiment().get("decayMask").asText()).isEqualTo("paper");
        RunConfig ownSplit = small.toBuilder().taskOption("split", "hyla4j").build(CATALOG);
        assertThat(ownSplit.sameExperimentAs(small)).isTrue();
        assertThat(small.toBuilder().taskOption("split", "jax").build(CATALOG).sameExperimentAs(small)).isFalse();
        assertThatThrownBy(() -> small.toBuilder().decayMask("biases").build(CATALOG)).isInstanceOf(org.hyla4j.api.InvalidSettingException.class)
                .hasMessageContaining("unknown decay mask 'biases'");
    }

    @Test
    void aConfigJsonWrittenBeforeTheRegimeSettingsReadsWithTheirLegacyValues(@TempDir Path tmp) throws java.io.IOException {
        Path old = tmp.resolve("config.json");
        Files.writeString(old, "{\"task\": \"fuzzylogic\", \"preset\": \"paper\", \"attention\": [\"linear_hypatt\"], \"seeds\": [0],"
                + " \"taskOptions\": {\"seq_len\": \"32\"}}");
        RunConfig c = RunConfig.read(old, CATALOG);
        assertThat(c.decayMask()).isEqualTo("matrices");
        assertThat(c.taskOptions()).containsEntry("split", "hyla4j");
        // a settings file for a new run (--config) takes the current defaults instead
        RunConfig fresh = RunConfig.builder().file(old).build(CATALOG);
        assertThat(fresh.decayMask()).isEqualTo("paper");
        assertThat(fresh.taskOptions()).containsEntry("split", "jax");
    }

    @Test
    void aConfigJsonRoundTripsAndSingleKeepsEverythingElse(@TempDir Path tmp) {
        RunConfig c = RunConfig.builder().task("fuzzylogic").attention(List.of("linear_hypatt", "softmax_attention")).seeds(List.of(4L, 5L))
                .seqLen(32).fracTest(0.7).lr(2e-3).threads(1).build(CATALOG);
        Json.write(tmp.resolve("config.json"), c);
        assertThat(RunConfig.read(tmp.resolve("config.json"), CATALOG)).isEqualTo(c);
        RunConfig one = c.single("softmax_attention", 5, CATALOG);
        assertThat(one.attention()).containsExactly("softmax_attention");
        assertThat(one.seeds()).containsExactly(5L);
        assertThat(one.toBuilder().attention(c.attention()).seeds(c.seeds()).build(CATALOG)).isEqualTo(c);
        assertThat(c.toBuilder().threads(2).device("cpu").build(CATALOG).sameExperimentAs(c)).isTrue();
        assertThat(c.toBuilder().lr(1e-3).build(CATALOG).sameExperimentAs(c)).isFalse();
    }

    @Test
    void theConfigJsonOfTheRecordVersionIsStillRead(@TempDir Path tmp) throws Exception {
        // written by hyla4j before RunConfig became a class with a builder (a run directory's config.json)
        Files.writeString(tmp.resolve("config.json"), "{\"attention\":[\"linear_hypatt\"],\"attentionDropout\":0.1,\"batch\":64,"
                + "\"checkpointEvery\":100,\"device\":\"auto\",\"evalEvery\":100,\"evalExamples\":256,\"heads\":8,\"layers\":2,\"lr\":0.003,"
                + "\"mlpDim\":256,\"modelDim\":128,\"preset\":\"small\",\"qkDim\":16,\"seeds\":[1],\"steps\":200,\"task\":\"fuzzylogic\","
                + "\"taskOptions\":{},\"threads\":1,\"vDim\":16,\"warmup\":20,\"weightDecay\":0.1,\"width\":1}");
        RunConfig c = RunConfig.read(tmp.resolve("config.json"), CATALOG);
        assertThat(c.steps()).isEqualTo(200);
        assertThat(c.modelDim()).isEqualTo(128);
        assertThat(c.seeds()).containsExactly(1L);
    }

    @Test
    void badFilesAndValuesAreUsageErrors(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("bad.yaml"), "task: fuzzylogic\nstepz: 3\n");
        assertThatThrownBy(() -> RunConfig.builder().file(tmp.resolve("bad.yaml"))).isInstanceOf(org.hyla4j.api.InvalidSettingException.class)
                .hasMessageContaining("bad.yaml").hasMessageContaining("stepz");
        assertThatThrownBy(() -> RunConfig.builder().task("fuzzylogic").width(0).build(CATALOG)).isInstanceOf(org.hyla4j.api.InvalidSettingException.class)
                .hasMessageContaining("--width");
        assertThatThrownBy(() -> RunConfig.builder().task("fuzzylogic").attention(List.of("nope")).build(CATALOG))
                .isInstanceOf(org.hyla4j.api.InvalidSettingException.class).hasMessageContaining("nope");
    }
}
