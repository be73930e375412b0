package org.hyla4j.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyla4j.api.UsageException;
import org.hyla4j.runner.TestCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experiments as data: the built-in Table A1 files and a user's own. */
class ExperimentTest {

    @Test
    void theBuiltInFuzzyExperimentGivesThePapersSetting() {
        Experiment e = Experiment.load("fuzzy-a1");
        RunConfig c = e.settings("medium", null, null, RunConfig.builder()).build(TestCatalog.builtIn());
        assertThat(c.task()).isEqualTo("fuzzylogic");
        assertThat(c.attention()).containsExactly("softmax_attention", "linear_attention", "linear_hypatt");
        assertThat(c.seeds()).containsExactly(0L, 1L, 2L);
        assertThat(c.steps()).isEqualTo(10_000);
        assertThat(c.evalEvery()).isEqualTo(2_000);
        assertThat(c.batch()).isEqualTo(128);
        assertThat(c.warmup()).isEqualTo(100);
        assertThat(c.taskOptions()).containsEntry("seq_len", "32").containsEntry("frac_test", "0.7");
        assertThat(e.paper().numbers().get("linear_hypatt")).containsExactly(81.13, 7.77);
    }

    @Test
    void budgetsSeedsVariantsAndOverrides() {
        Experiment e = Experiment.load("sraven-a1");
        RunSettings small = e.settings("small", List.of("all"), null, RunConfig.builder().steps(300));
        RunConfig c = small.build(TestCatalog.builtIn());
        assertThat(c.seeds()).containsExactly(0L); // the small budget's own seeds
        assertThat(c.attention()).hasSize(8);
        assertThat(c.steps()).isEqualTo(300);
        assertThat(c.evalEvery()).isEqualTo(60);
        assertThat(e.paper().columns()).extracting(Experiment.Column::metric).containsExactly("acc_per_feature");
        assertThatThrownBy(() -> e.budget("huge")).isInstanceOf(UsageException.class).hasMessageContaining("small, medium, paper");
    }

    @Test
    void anExperimentFileAddsAnExperimentAndABadOneIsOneClearError(@TempDir Path tmp) throws Exception {
        Path mine = tmp.resolve("mine.yaml");
        Files.writeString(mine, "name: mine\ndescription: T = 64\nsettings: {task: fuzzylogic, preset: paper, seqLen: 64}\n"
                + "variants: [linear_hypatt]\nseeds: [7]\nevaluations: 2\nbudgets: {tiny: {steps: 20, evalExamples: 64}}\n"
                + "paper: {steps: 50000, evalExamples: 16000, what: R², baseline: {name: 3-NN baseline, key: baseline_3nn_r2}, numbers: {}}\n");
        RunConfig c = Experiment.load(mine.toString()).settings("tiny", null, null, RunConfig.builder()).build(TestCatalog.builtIn());
        assertThat(c.taskOptions()).containsEntry("seq_len", "64");
        assertThat(c.seeds()).containsExactly(7L);
        Files.writeString(tmp.resolve("typo.yaml"), Files.readString(mine).replace("evaluations", "evaluatoins"));
        assertThatThrownBy(() -> Experiment.load(tmp.resolve("typo.yaml").toString())).isInstanceOf(UsageException.class)
                .hasMessageContaining("typo.yaml").hasMessageContaining("evaluatoins");
        assertThatThrownBy(() -> Experiment.load("nope")).isInstanceOf(UsageException.class).hasMessageContaining("fuzzy-a1, sraven-a1");
    }
}
