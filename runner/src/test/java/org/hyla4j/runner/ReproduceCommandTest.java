package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproduceCommandTest {

    /** Runs {@code reproduce} with these arguments into {@code out}, expecting success, and returns its report.md. */
    private static String report(Path out, String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "reproduce";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = out.toString();
        CliRunner.Result r = CliRunner.run(all);
        assertThat(r.exit()).as(r.err()).isZero();
        return Files.readString(out.resolve("report.md"));
    }

    @Test
    void writesThePapersNumbersBesideTheMeasuredOnesWithAVerdict(@TempDir Path tmp) throws Exception {
        String md = report(tmp, "--experiment", "fuzzy-a1", "--steps", "3", "--seeds", "0,1", "--eval-examples", "32");
        assertThat(md).contains("# Sweep reproduce-fuzzy-a1-small", "From `hyla4j reproduce`", "## Paper vs measured",
                "| all | softmax_attention | 63.28 ± 2.31 |", "| all | linear_hypatt | 81.13 ± 7.77 |",
                "beside this sweep's at 3 steps (0 % of the paper's 50,000)", "HYLA − softmax on `test/r2`, paired over 2 seed(s)",
                "; the paper: +17.85)", "**Below the paper's budget.** These runs trained 3 steps");
        // after 3 steps nothing has learned the task, so the verdict must not read the difference as evidence
        assertThat(md).contains("**Not testable at this budget**: linear_hypatt and softmax_attention have not yet learned");
        assertThat(md).containsPattern("\\| all \\| 3-NN baseline, same evaluation sets \\| — \\| -?\\d+\\.\\d\\d ± \\d+\\.\\d\\d \\| 2 \\| ")
                .contains("### Why measured and paper numbers can differ here", "**Budget**: 3 of the paper's 50,000 steps", "**Seeds**: 2",
                        "**Evaluation sets**: 32 sequences per split (the paper: 16,000)", "**Learned yet?**", "`NaiveReferenceTest`");
        var config = new com.fasterxml.jackson.databind.ObjectMapper().readTree(CliRunner.runDir(tmp, "linear_hypatt", 1).resolve("config.json").toFile());
        assertThat(config.get("taskOptions").get("seq_len").asText()).isEqualTo("32");
        assertThat(config.get("taskOptions").get("frac_test").asText()).isEqualTo("0.7");

        CliRunner.Result bad = CliRunner.run("reproduce", "--experiment", "nope");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown experiment 'nope'");
    }

    @Test
    void sravenShowsPerFeatureAccuracyAndChance(@TempDir Path tmp) throws Exception {
        String md = report(tmp, "--experiment", "sraven-a1", "--steps", "2", "--variants", "softmax_attention,linear_hypatt",
                "--eval-examples", "16");
        assertThat(md).contains("per-feature accuracy, OOD", "| all | chance, same evaluation sets | — | 0.02 | 1 | 0.02 |", "| | chance | 12.50 | 12.50 |",
                "| all | linear_hypatt | 69.13 ± 1.90 |", "**Seeds**: 1 (the paper: 3)", "**Not testable at this budget**",
                "(the paper: 51,200)");
        assertThat(md).containsPattern("\\| all \\| softmax_attention \\| 56\\.56 ± 1\\.05 \\| \\d+\\.\\d\\d \\| 1 \\| \\d+\\.\\d\\d \\|")
                .containsPattern("\\| all \\| softmax_attention \\| \\d+\\.\\d\\d \\| \\d+\\.\\d\\d \\|\\n");
    }
}
