package org.hyla4j.runner.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.TestCatalog;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.plan.RunPlan;
import org.hyla4j.runner.plugins.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep files: grid expansion and counts, both key vocabularies, stable hashes, and one clear error for a bad file. */
class SweepTest {

    private static final Catalog CATALOG = TestCatalog.builtIn();
    /** The repository's sweep files (tests run in runner/). */
    private static final Path SWEEPS = Path.of("..", "sweeps");

    private static Sweep expand(Path file) {
        return Sweep.expand(SweepFile.read(file), RunConfig.builder(), CATALOG, Path.of("out"));
    }

    private static Path write(Path dir, String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void thePapersFuzzyLogicGridHas432RunsInThePapersKeys() {
        Sweep s = expand(SWEEPS.resolve("paper-fuzzy-logic.yaml"));
        assertThat(s.file().combinations()).isEqualTo(432);
        assertThat(s.points()).hasSize(432);
        assertThat(s.axes()).containsExactly("config", "config.data.seq_len", "config.data.frac_test", "config.lr", "config.weight_decay",
                "config.seed");
        // the paper's model names map onto our variants, its config name onto the task and its options
        assertThat(s.points().stream().map(p -> p.run().attention()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("softmax_attention", "linear_attention", "linear_hypatt");
        RunConfig c = s.points().get(0).run().config();
        assertThat(c.task()).isEqualTo("fuzzylogic");
        assertThat(c.preset()).isEqualTo("paper");
        assertThat(c.taskOptions()).containsEntry("num_variables", "4").containsEntry("num_terms", "2").containsEntry("seq_len", "16")
                .containsEntry("frac_test", "0.3");
        assertThat(c.evalEvery()).isEqualTo(10000);
        // seeds outermost: the first 144 runs are seed 0
        assertThat(s.points().subList(0, 144)).allMatch(p -> p.run().seed() == 0);
        assertThat(s.points().get(144).run().seed()).isEqualTo(1);
        // every grid point is its own run: 432 distinct hashes and directories
        assertThat(s.points().stream().map(p -> p.run().hash()).distinct().count()).isEqualTo(432);
    }

    @Test
    void thePapersSravenGridHas1944RunsWithStepsFromTheDataSize() {
        Sweep s = expand(SWEEPS.resolve("paper-sraven.yaml"));
        assertThat(s.points()).hasSize(1944);
        Map<Long, Long> byTrain = s.points().stream().collect(Collectors.groupingBy(p -> (long) p.run().config().steps(), Collectors.counting()));
        // 10M, 20M, 40M problems at batch 128
        assertThat(byTrain).containsOnlyKeys(78125L, 156250L, 312500L);
        Set<Integer> widths = s.points().stream().map(p -> p.run().config().width()).collect(Collectors.toSet());
        Set<Integer> layers = s.points().stream().map(p -> p.run().config().layers()).collect(Collectors.toSet());
        assertThat(widths).containsExactlyInAnyOrder(1, 2, 4);
        assertThat(layers).containsExactlyInAnyOrder(4, 8, 16);
        RunConfig c = s.points().get(0).run().config();
        assertThat(c.task()).isEqualTo("sraven");
        assertThat(c.attention()).containsExactly("softmax_attention"); // "transformer"
        assertThat(s.points().stream().map(p -> p.run().config().warmup()).collect(Collectors.toSet())).containsExactlyInAnyOrder(1000, 3000);
        assertThat(s.points().stream().map(p -> p.run().config().lr()).collect(Collectors.toSet())).containsExactlyInAnyOrder(1e-3, 3e-4);
    }

    @Test
    void everyShippedSweepFileExpands() throws IOException {
        try (var files = Files.list(SWEEPS)) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertThat(all).hasSizeGreaterThanOrEqualTo(8);
            for (Path f : all) {
                assertThat(expand(f).points()).as(f.toString()).isNotEmpty();
            }
        }
        assertThat(expand(SWEEPS.resolve("fuzzy-a1-paper.yaml")).points()).hasSize(9)
                .allSatisfy(p -> assertThat(p.run().config().steps()).isEqualTo(50000));
    }

    @Test
    void ourKeysAndThePapersKeysGiveTheSameRunAndTheSameHash(@TempDir Path tmp) throws IOException {
        Path ours = write(tmp, "ours.yaml", """
                method: grid
                parameters:
                  task: {value: fuzzylogic}
                  preset: {value: paper}
                  attention: {value: linear_attention}
                  seed: {value: 2}
                  lr: {value: 0.003}
                  weight_decay: {value: 0.03}
                  warmup: {value: 50}
                  seq_len: {value: 64}
                  frac_test: {value: 0.5}
                  layers: {value: 3}
                  width: {value: 2}
                  task_opt.num_variables: {value: 4}
                  task_opt.num_terms: {value: 2}
                """);
        Path papers = write(tmp, "papers.json", """
                {"method": "grid", "program": "run.py", "parameters": {
                  "config": {"value": "configs/logic.py:logic_4var_2term;linear_transformer"},
                  "config.seed": {"value": 2}, "config.lr": {"value": "3e-3"}, "config.weight_decay": {"value": 0.03},
                  "config.warmup_steps": {"value": 50}, "config.data.seq_len": {"value": 64}, "config.data.frac_test": {"value": 0.5},
                  "config.model.num_layers": {"value": 3}, "config.width_multiplier": {"value": 2}, "log_every": {"value": 100}}}
                """);
        PlannedRunView a = new PlannedRunView(expand(ours));
        PlannedRunView b = new PlannedRunView(expand(papers));
        assertThat(a.config.layers()).isEqualTo(3);
        assertThat(a.config.width()).isEqualTo(2);
        assertThat(a.config.lr()).isEqualTo(0.003);
        assertThat(a.config.warmup()).isEqualTo(50);
        assertThat(a.config).isEqualTo(b.config);
        assertThat(a.hash).isEqualTo(b.hash).isEqualTo(RunPlan.hash(a.config)).matches("[0-9a-f]{12}");
        // machine settings do not change the hash; anything of the experiment does
        assertThat(RunPlan.hash(a.config.toBuilder().threads(7).build(CATALOG))).isEqualTo(a.hash);
        assertThat(RunPlan.hash(a.config.toBuilder().lr(0.001).build(CATALOG))).isNotEqualTo(a.hash);
        // and expanding the same file again gives the same directories
        assertThat(new PlannedRunView(expand(ours)).dir).isEqualTo(a.dir).endsWith("linear_attention-s2-" + a.hash);
    }

    /** The only run of a one-point sweep. */
    private static final class PlannedRunView {
        final RunConfig config;
        final String hash;
        final String dir;

        PlannedRunView(Sweep s) {
            assertThat(s.points()).hasSize(1);
            config = s.points().get(0).run().config();
            hash = s.points().get(0).run().hash();
            dir = s.points().get(0).run().dir().toString();
        }
    }

    @Test
    void commandLineOverridesLieOverTheFileAndNumTrainGivesWayToSteps(@TempDir Path tmp) throws IOException {
        Path f = write(tmp, "s.yaml", """
                method: grid
                parameters:
                  config: {value: "configs/raven.py:raven_3x3_4features;linear_hypatt"}
                  config.data.num_train: {value: 1280}
                """);
        assertThat(expand(f).points().get(0).run().config().steps()).isEqualTo(10);
        Sweep small = Sweep.expand(SweepFile.read(f), RunConfig.builder().steps(3).threads(1), CATALOG, tmp);
        assertThat(small.points().get(0).run().config().steps()).isEqualTo(3);
        assertThat(small.points().get(0).run().config().threads()).isEqualTo(1);
    }

    @Test
    void repeatedConfigurationsShareOneRun(@TempDir Path tmp) throws IOException {
        // softmax_attention named twice, once in the paper's words: 4 grid points, 2 runs
        Path f = write(tmp, "s.yaml", """
                method: grid
                parameters:
                  config: {values: ["configs/logic.py:logic_4var_2term;transformer", "configs/logic.py:logic_4var_2term;softmax_attention"]}
                  config.seed: {values: [0, 1]}
                """);
        Sweep s = expand(f);
        assertThat(s.file().combinations()).isEqualTo(4);
        assertThat(s.points()).hasSize(2);
        assertThat(s.repeats()).isEqualTo(2);
    }

    @Test
    void aBadSweepFileIsOneErrorNamingTheFileTheKeyAndTheValue(@TempDir Path tmp) throws IOException {
        String head = "method: grid\nparameters:\n  task: {value: fuzzylogic}\n";
        assertError(tmp, head + "  lr: {values: [0.001, fast]}\n", "key 'lr' value \"fast\": not a number");
        assertError(tmp, head + "  learning_rate: {value: 0.1}\n", "unknown key 'learning_rate'");
        assertError(tmp, head + "  attention: {values: [softmax_attention, nope]}\n", "key 'attention' value 'nope'");
        assertError(tmp, head + "  seed: {value: -1}\n", "key 'seed' value -1: expected a whole number >= 0");
        assertError(tmp, head + "  frac_test: {value: 1.5}\n", "key 'frac_test' value 1.5");
        assertError(tmp, head + "  task_opt.num_variables: {value: 99}\n", "key 'task_opt.num_variables' value 99");
        assertError(tmp, "method: grid\nparameters:\n  config: {value: \"configs/logic.py:xor;transformer\"}\n", "unknown configuration");
        assertError(tmp, "method: random\nparameters:\n  seed: {values: [0]}\n", "method 'random' is not supported");
        assertError(tmp, head + "  lr: {min: 0.001, max: 0.1}\n", "parameter 'lr' has 'min'");
        assertError(tmp, head + "  lr: {values: []}\n", "values must be a non-empty list");
        assertError(tmp, "method: grid\nparameters: {}\n", "no parameters");
        assertError(tmp, "method: grid\nparameters:\n  seed: {value: 0}\nsteps: 3\n", "unknown key 'steps'");
        assertError(tmp, "method: grid\nparameters: [oops\n", "s.yaml");
        assertThatThrownBy(() -> SweepFile.read(tmp.resolve("missing.yaml"))).isInstanceOf(UsageException.class).hasMessageContaining("does not exist");
    }

    private static void assertError(Path tmp, String yaml, String expected) throws IOException {
        Path f = write(tmp, "s.yaml", yaml);
        assertThatThrownBy(() -> expand(f)).as(yaml).isInstanceOf(UsageException.class).hasMessageContaining(f.getFileName().toString())
                .hasMessageContaining(expected).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
