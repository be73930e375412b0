package org.hyla4j.runner.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.TestCatalog;
import org.hyla4j.runner.config.Experiment;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.plugins.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paper experiments are sweep files with named budgets: the built-in Table A1 files, a user's own, and their run identities. */
class ExperimentFileTest {

    private static final Catalog CATALOG = TestCatalog.builtIn();

    private static Sweep plan(String experiment, String budget, List<String> attention, List<Long> seeds) {
        SweepFile f = SweepFile.load(experiment).withBudget(budget, attention, seeds, "reproduce", "reproduce-" + experiment + "-" + budget);
        return Sweep.expand(f, RunConfig.builder(), CATALOG, Path.of("out"));
    }

    private static List<String> dirs(Sweep s) {
        return s.plan().runs().stream().map(r -> r.dir().getFileName().toString()).toList();
    }

    @Test
    void theBuiltInFuzzyExperimentGivesThePapersSetting() {
        Sweep s = plan("fuzzy-a1", "medium", null, null);
        RunConfig c = s.points().get(0).run().config();
        assertThat(s.plan().runs()).extracting(r -> r.attention() + "/" + r.seed()).containsExactly("softmax_attention/0",
                "linear_attention/0", "linear_hypatt/0", "softmax_attention/1", "linear_attention/1", "linear_hypatt/1",
                "softmax_attention/2", "linear_attention/2", "linear_hypatt/2");
        assertThat(c.task()).isEqualTo("fuzzylogic");
        assertThat(c.steps()).isEqualTo(10_000);
        assertThat(c.evalEvery()).isEqualTo(2_000); // 5 evaluations
        assertThat(c.checkpointEvery()).isEqualTo(2_000);
        assertThat(c.batch()).isEqualTo(128);
        assertThat(c.warmup()).isEqualTo(100);
        assertThat(c.taskOptions()).containsEntry("seq_len", "32").containsEntry("frac_test", "0.7");
        assertThat(s.axes()).containsExactly("attention", "seed");
        assertThat(s.file().paper().numbers().get("linear_hypatt")).containsExactly(81.13, 7.77);
        assertThat(s.file().source()).isEqualTo("hyla4j reproduce");
        assertThat(s.file().name()).isEqualTo("reproduce-fuzzy-a1-medium");
    }

    @Test
    void thePapersCodeSeedBySeedNamesOnlyTheExperimentsVariantsAndSeeds() {
        for (String name : List.of("fuzzy-a1", "sraven-a1")) {
            Sweep s = plan(name, "paper", null, null);
            Experiment.Code code = s.file().paper().code();
            if (code == null || code.bySeed() == null) {
                continue;
            }
            assertThat(code.bySeed().source()).as(name).isNotBlank();
            Set<String> variants = new HashSet<>();
            Set<Long> seeds = new HashSet<>();
            s.plan().runs().forEach(r -> {
                variants.add(r.attention());
                seeds.add(r.seed());
            });
            code.bySeed().numbers().forEach((variant, bySeed) -> {
                assertThat(code.numbers()).as(name + " " + variant).containsKey(variant);
                assertThat(variants).as(name).contains(variant);
                assertThat(seeds).as(name + " " + variant).containsAll(bySeed.keySet());
                assertThat(bySeed.values()).as(name + " " + variant).allSatisfy(x -> assertThat(x).isBetween(0.0, 100.0));
            });
        }
        assertThat(SweepFile.load("fuzzy-a1").paper().code().bySeed().numbers()).containsKey("linear_hypatt");
    }

    @Test
    void aReproductionCarriesItsExperimentAsThePaper() {
        SweepFile e = SweepFile.load("fuzzy-a1");
        Sweep s = Sweep.expand(e.withBudget("small", null, null, "reproduce", "reproduce-fuzzy-a1-small"), RunConfig.builder(), CATALOG,
                Path.of("out"));
        assertThat(s.file().paper()).isSameAs(e.paper());
        assertThat(s.file().source()).isEqualTo("hyla4j reproduce");
    }

    @Test
    void runsKeepTheIdentitiesTheyHadAsExperimentFiles() {
        // the run directories reproduce gave these budgets when experiments were a file format of their own (pinned from that
        // code): a reproduction started then resumes now
        assertThat(dirs(plan("fuzzy-a1", "medium", null, null))).containsExactly("softmax_attention-s0-d702c665fe89",
                "linear_attention-s0-934b82f5b3ab", "linear_hypatt-s0-3d3b2c0823a0", "softmax_attention-s1-c53b69fc7195",
                "linear_attention-s1-f89c16a627a9", "linear_hypatt-s1-2f6642a12d35", "softmax_attention-s2-057ea54311d0",
                "linear_attention-s2-73768c816222", "linear_hypatt-s2-67371d9f6820");
        assertThat(dirs(plan("sraven-a1", "small", List.of("all"), null))).containsExactly("softmax_attention-s0-536a8189de46",
                "linear_attention-s0-435803ced2d6", "linear_hypatt-s0-1b52854b3d75", "linear_attention_rms_head-s0-7e7ebddc2f11",
                "linear_hypatt_no_rms_head-s0-8a0c35f6de06", "linear_hypatt_mlp_linear-s0-051e4b70bf70",
                "linear_hypatt_mlp_linear_no_rms_head-s0-636ffefad269", "softmax_hypatt-s0-f7a199a6c4c7");
    }

    @Test
    void theBuiltInListIsTheExperimentFilesOnTheClassPath() throws Exception {
        try (var files = Files.list(Path.of("src/main/resources/experiments"))) {
            assertThat(files.map(f -> f.getFileName().toString().replaceFirst("\\.yaml$", ""))).containsExactlyInAnyOrderElementsOf(SweepFile.BUILT_IN);
        }
        for (String name : SweepFile.BUILT_IN) {
            assertThat(String.join(", ", SweepFile.load(name).budgets().keySet())).as(name).isEqualTo(SweepFile.BUILT_IN_BUDGETS);
        }
    }

    @Test
    void theTableA1SweepFilesPlanTheRunsOfTheExperimentsBudgets() {
        // sweeps/fuzzy-a1-*.yaml restate fuzzy-a1's budgets for `hyla4j sweep`: they must stay the same runs, whichever command
        // trains them, or a sweep and a reproduction of one budget would train everything twice
        for (String budget : List.of("small", "medium", "paper")) {
            Sweep sweep = Sweep.expand(SweepFile.read(Path.of("../sweeps/fuzzy-a1-" + budget + ".yaml")), RunConfig.builder(), CATALOG, Path.of("out"));
            assertThat(dirs(sweep)).as(budget).containsExactlyInAnyOrderElementsOf(dirs(plan("fuzzy-a1", budget, null, null)));
        }
    }

    @Test
    void budgetsSeedsVariantsAndOverrides() {
        SweepFile f = SweepFile.load("sraven-a1").withBudget("small", List.of("all"), null, "reproduce", "r");
        Sweep s = Sweep.expand(f, RunConfig.builder().steps(300), CATALOG, Path.of("out"));
        assertThat(s.plan().runs()).extracting(r -> r.seed()).containsOnly(0L); // the small budget's own seeds
        assertThat(s.plan().runs()).hasSize(8);
        RunConfig c = s.points().get(0).run().config();
        assertThat(c.steps()).isEqualTo(300);
        assertThat(c.evalEvery()).isEqualTo(60); // 5 evaluations of the steps the flags gave
        assertThat(Sweep.expand(f, RunConfig.builder().steps(300).evalEvery(100), CATALOG, Path.of("out")).points().get(0).run().config()
                .evalEvery()).isEqualTo(100);
        assertThat(plan("sraven-a1", "small", List.of("linear_hypatt"), List.of(4L, 5L)).plan().runs())
                .extracting(r -> r.attention() + "/" + r.seed()).containsExactly("linear_hypatt/4", "linear_hypatt/5");
        assertThat(s.file().paper().columns()).extracting(Experiment.Column::metric).containsExactly("acc_per_feature");
        assertThatThrownBy(() -> SweepFile.load("sraven-a1").withBudget("huge", null, null, null, "x")).isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown budget 'huge'; known: small, medium, paper");
        assertThat(SweepFile.forTask("sraven").name()).isEqualTo("sraven-a1");
        assertThat(SweepFile.forTask("mqar")).isNull();
    }

    @Test
    void aSweepFileWithBudgetsAndPaperNumbersIsAnExperimentAndABadOneIsOneClearError(@TempDir Path tmp) throws Exception {
        Path mine = tmp.resolve("mine.yaml");
        Files.writeString(mine, """
                method: grid
                name: mine
                description: T = 64
                parameters:
                  attention: {value: linear_hypatt}
                  seed: {values: [7]}
                  task: {value: fuzzylogic}
                  preset: {value: paper}
                  seq_len: {value: 64}
                evaluations: 2
                budgets: {tiny: {steps: 20, eval_examples: 64}}
                paper: {steps: 50000, eval_examples: 16000, what: R², baseline: {name: 3-NN baseline, key: baseline_3nn_r2}, numbers: {}}
                """);
        Sweep s = plan(mine.toString(), "tiny", null, null);
        RunConfig c = s.points().get(0).run().config();
        assertThat(c.taskOptions()).containsEntry("seq_len", "64");
        assertThat(c.seeds()).containsExactly(7L);
        assertThat(c.steps()).isEqualTo(20);
        assertThat(c.evalEvery()).isEqualTo(10);
        assertThat(s.file().experiment().description()).isEqualTo("T = 64");
        // a sweep file may name it as its paper
        Path other = tmp.resolve("other.yaml");
        Files.writeString(other, "method: grid\nparameters: {task: {value: fuzzylogic}}\npaper: " + mine + "\n");
        assertThat(SweepFile.read(other).paper().evalExamples()).isEqualTo(16000);
        Files.writeString(tmp.resolve("typo.yaml"), Files.readString(mine).replace("eval_examples: 16000", "evalExamples: 16000"));
        assertThatThrownBy(() -> SweepFile.load(tmp.resolve("typo.yaml").toString())).isInstanceOf(UsageException.class)
                .hasMessageContaining("typo.yaml").hasMessageContaining("evalExamples");
        Files.writeString(tmp.resolve("badkey.yaml"), Files.readString(mine).replace("{steps: 20,", "{stepz: 20,"));
        assertThatThrownBy(() -> plan(tmp.resolve("badkey.yaml").toString(), "tiny", null, null)).isInstanceOf(UsageException.class)
                .hasMessageContaining("badkey.yaml").hasMessageContaining("stepz");
        assertThatThrownBy(() -> SweepFile.load("nope")).isInstanceOf(UsageException.class).hasMessageContaining("fuzzy-a1, sraven-a1");
    }
}
