package org.hyla4j.runner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hyla4j.runner.TestCatalog;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.sweep.Sweep;
import org.hyla4j.runner.sweep.SweepFile;
import org.junit.jupiter.api.Test;

/**
 * The identities (hashes) of published runs, written out as literals. A change to what a configuration
 * serialises, to a default or to the hash itself fails here: it would orphan these directories, or worse, resume one
 * under another training regime, and it must say what it does to them.
 */
class PinnedIdentitiesTest {

    private static final Catalog CATALOG = TestCatalog.builtIn();
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static List<String> dirs(String sweepFile) {
        return dirs(SweepFile.read(ROOT.resolve(sweepFile)));
    }

    /** The run directories {@code sweepFile} at {@code budget} plans, as {@code sweep FILE --budget NAME} does. */
    private static List<String> dirs(String sweepFile, String budget) {
        SweepFile f = SweepFile.read(ROOT.resolve(sweepFile));
        return dirs(f.withBudget(budget, null, null, null, f.name() + "-" + budget));
    }

    private static List<String> dirs(SweepFile f) {
        Sweep s = Sweep.expand(f, RunConfig.builder(), CATALOG, Path.of("out"));
        return s.plan().runs().stream().map(r -> r.dir().getFileName().toString()).toList();
    }

    @Test
    void theBeforeSweepKeepsTheIdentitiesOfTheRunsTrainedBeforeTheRegimeSettings() throws IOException {
        // hyla4j's split and the matrices-only decay mask: what fuzzy-a1-paper was trained with (docs/results/fuzzy-a1-paper)
        assertThat(dirs("sweeps/fuzzy-a1-paper-before.yaml")).containsExactly(
                "softmax_attention-s0-919be9f36d2a", "linear_attention-s0-8522bfa2b2fb", "linear_hypatt-s0-57dbd12d6bcc",
                "softmax_attention-s1-0df0724629e3", "linear_attention-s1-e4ef4a7346b7", "linear_hypatt-s1-e659f5b2ae02",
                "softmax_attention-s2-273075fc116f", "linear_attention-s2-b577b7558f14", "linear_hypatt-s2-78d39eaeb6a5");
        // and every published run directory is one of them
        assertPublishedAreAmong("sweeps/fuzzy-a1-paper-before.yaml", "docs/results/fuzzy-a1-paper/runs");
    }

    @Test
    void thePaperRegimeSweepHasItsOwnIdentities() throws IOException {
        // the paper's decay mask (default) and split (the paper preset's split: jax): docs/results/fuzzy-a1-paper-v2
        assertThat(dirs("sweeps/fuzzy-a1-paper.yaml")).containsExactly(
                "linear_hypatt-s0-2dc244689eea", "softmax_attention-s0-1de4f21c6f93", "linear_attention-s0-8937d382bfe3",
                "linear_hypatt-s1-e34000c721c5", "softmax_attention-s1-fbf694ce7d68", "linear_attention-s1-ab5a97721612",
                "linear_hypatt-s2-66fb22b93095", "softmax_attention-s2-a8ea74e00483", "linear_attention-s2-df502d3d0809");
        // its further seeds, the same kind of run
        assertThat(dirs("sweeps/fuzzy-a1-paper-extra-seeds.yaml")).containsExactly("linear_hypatt-s3-53106f4b8d71", "linear_hypatt-s4-3a41688f9a1a");
        // and every published run directory of these sweeps is one of them
        assertPublishedAreAmong("sweeps/fuzzy-a1-paper.yaml", "docs/results/fuzzy-a1-paper-v2/runs");
        assertPublishedAreAmong("sweeps/fuzzy-a1-paper-extra-seeds.yaml", "docs/results/fuzzy-a1-paper-v2-extra/runs");
    }

    @Test
    void theBeforeSweepsAtSmallerBudgetsPlanExactlyThePublishedRuns() throws IOException {
        // scripts/republish-pages re-reports and resumes these pages through them: every published run, and nothing else
        for (String[] page : new String[][] {{"sweeps/fuzzy-a1-before.yaml", "small", "fuzzy-a1-small"},
            {"sweeps/sraven-a1-before.yaml", "small", "sraven-a1-small"},
            {"sweeps/fuzzy-a1-before.yaml", "medium", "fuzzy-a1-medium"}}) {
            List<String> planned = dirs(page[0], page[1]);
            Path published = ROOT.resolve("docs/results").resolve(page[2]).resolve("runs");
            assertThat(published).as("the published page's runs").isDirectory();
            try (Stream<Path> runs = Files.list(published)) {
                assertThat(runs.map(p -> p.getFileName().toString()).toList()).as(page[2]).containsExactlyInAnyOrderElementsOf(planned);
            }
        }
    }

    private static void assertPublishedAreAmong(String sweepFile, String runsDir) throws IOException {
        Path published = ROOT.resolve(runsDir);
        assertThat(published).as("published runs").isDirectory();
        try (Stream<Path> runs = Files.list(published)) {
            assertThat(dirs(sweepFile)).as(runsDir).containsAll(runs.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void everyPublishedRunsConfigJsonHashesToItsOwnDirectory() throws IOException {
        // docs/results/PAGE/runs/NAME-HASH/config.json for every published page: a change to the hash, a default or what
        // a configuration serialises would make `scripts/republish-pages` or a resumed sweep retrain them under new names
        List<Path> configs;
        try (Stream<Path> files = Files.find(ROOT.resolve("docs/results"), 4, (p, a) -> p.getFileName().toString().equals("config.json")
                && p.getParent().getParent().getFileName().toString().equals("runs"))) {
            configs = files.sorted().toList();
        }
        assertThat(configs).as("published runs").hasSizeGreaterThan(20);
        for (Path config : configs) {
            String dir = config.getParent().getFileName().toString();
            assertThat(RunPlan.hash(RunConfig.read(config, CATALOG))).as(ROOT.relativize(config).toString())
                    .isEqualTo(dir.substring(dir.lastIndexOf('-') + 1));
        }
    }

    @Test
    void aSupersededRunsConfigJsonReadsBackUnderItsOwnRegimeAndHash() {
        // written before the decay mask and the split were settings: read with their legacy values, so resuming it
        // (train --resume, a sweep) keeps its regime and its directory
        Path config = ROOT.resolve("docs/results/fuzzy-a1-paper/runs/linear_hypatt-s0-57dbd12d6bcc/config.json");
        assertThat(config).as("the published run of the superseded regime").isRegularFile();
        RunConfig c = RunConfig.read(config, CATALOG);
        assertThat(c.decayMask()).isEqualTo("matrices");
        assertThat(c.taskOptions()).containsEntry("split", "hyla4j");
        assertThat(RunPlan.hash(c)).isEqualTo("57dbd12d6bcc");
        // the same configuration under the paper's regime is another experiment
        RunConfig paper = c.toBuilder().decayMask("paper").taskOption("split", "jax").build(CATALOG);
        assertThat(RunPlan.hash(paper)).isEqualTo("2dc244689eea");
        assertThat(paper.sameExperimentAs(c)).isFalse();
    }
}
