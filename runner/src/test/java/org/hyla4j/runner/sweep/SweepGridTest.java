package org.hyla4j.runner.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyla4j.runner.TestCatalog;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.plan.PlannedRun;
import org.hyla4j.runner.plugins.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare}'s and {@code reproduce}'s grid is a sweep: seed-major, one single-run configuration per run, a sweep file's directories. */
class SweepGridTest {

    private static final Catalog CATALOG = TestCatalog.builtIn();

    private static RunConfig config() {
        return RunConfig.builder().task("fuzzylogic").attention(List.of("softmax_attention", "linear_hypatt")).seeds(List.of(0L, 1L, 2L))
                .steps(10).batch(8).build(CATALOG);
    }

    @Test
    void aComparisonIsSeedMajorWithOneSingleRunConfigurationPerRun() {
        Sweep s = Sweep.grid("compare-fuzzylogic", config(), CATALOG, Path.of("out"));
        assertThat(s.points()).extracting(p -> p.run().label()).containsExactly("softmax_attention seed 0", "linear_hypatt seed 0",
                "softmax_attention seed 1", "linear_hypatt seed 1", "softmax_attention seed 2", "linear_hypatt seed 2");
        PlannedRun r = s.points().get(3).run();
        assertThat(r.config().attention()).containsExactly("linear_hypatt");
        assertThat(r.config().seeds()).containsExactly(1L);
        assertThat(r.dir()).isEqualTo(Path.of("out", "runs", "linear_hypatt-s1-" + r.hash()));
        assertThat(s.points()).extracting(p -> p.run().hash()).doesNotHaveDuplicates();
        assertThat(s.axes()).containsExactly("attention", "seed");
        assertThat(s.points().get(3).axes()).containsEntry("attention", "linear_hypatt").containsEntry("seed", "1");
        assertThat(s.file().source()).isEqualTo("hyla4j compare");
        assertThat(s.file().paper()).isNull();
    }

    @Test
    void theSameSettingsInASweepFileFindTheSameRuns(@TempDir Path tmp) throws IOException {
        Path f = Files.writeString(tmp.resolve("same.yaml"), """
                method: grid
                parameters:
                  attention: {values: [softmax_attention, linear_hypatt]}
                  seed: {values: [0, 1, 2]}
                  task: {value: fuzzylogic}
                  steps: {value: 10}
                  batch: {value: 8}
                """);
        Sweep file = Sweep.expand(SweepFile.read(f), RunConfig.builder(), CATALOG, tmp);
        Sweep grid = Sweep.grid("compare-fuzzylogic", config(), CATALOG, tmp);
        assertThat(grid.points()).extracting(p -> p.run().dir()).containsExactlyElementsOf(file.points().stream().map(p -> p.run().dir()).toList());
    }

    @Test
    void oneVariantOnOneSeedSweepsNoAxis() {
        RunConfig one = config().toBuilder().attention(List.of("linear_hypatt")).seeds(List.of(4L)).build(CATALOG);
        Sweep s = Sweep.grid("compare-fuzzylogic", one, CATALOG, Path.of("out"));
        assertThat(s.points()).hasSize(1);
        assertThat(s.axes()).isEmpty();
        assertThat(s.points().get(0).axes()).isEmpty();
    }
}
