package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny end-to-end comparison: runs, report, reuse on rerun, refusal of a different config in the same directory. */
class CompareCommandTest {

    @Test
    void compareWritesRunsAndAReportAndReusesFinishedRuns(@TempDir Path tmp) throws Exception {
        String[] args = {"compare", "--task", "fuzzylogic", "--attention", "softmax_attention,linear_hypatt", "--seeds", "0,1",
            "--steps", "12", "--batch", "8", "--eval-every", "6", "--eval-examples", "64", "--threads", "2", "--out", tmp.toString()};
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        for (String v : new String[] {"softmax_attention", "linear_hypatt"}) {
            for (int s = 0; s < 2; s++) {
                Path run = tmp.resolve("runs").resolve(v).resolve("seed-" + s);
                assertThat(run.resolve("result.json")).exists();
                assertThat(run.resolve("config.json")).exists();
                assertThat(Files.readString(run.resolve("provenance.json"))).contains("\"pytorch_version\"", "\"git_commit\"", "\"seeds\"");
                assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).anyMatch(l -> l.contains("\"type\":\"eval\"") && l.contains("\"eval_s\":"))
                        .anyMatch(l -> l.contains("\"type\":\"checkpoint\"") && l.contains("\"checkpoint_s\":"));
            }
        }
        String md = Files.readString(tmp.resolve("report.md"));
        assertThat(md).contains("| softmax_attention | 151,009 |", "| linear_hypatt | 151,009 |", "test/r2", "train/r2",
                "softmax_attention − linear_hypatt", "baseline_3nn_r2", "Evaluation took ", "of the training wall time (mean over 4 runs");
        assertThat(tmp.resolve("report.csv")).exists();
        assertThat(tmp.resolve("learning_curves.png")).exists();
        assertThat(tmp.resolve("final_metrics.png")).exists();

        Path result = tmp.resolve("runs/linear_hypatt/seed-1/result.json");
        FileTime stamp = Files.getLastModifiedTime(result);
        CliRunner.Result again = CliRunner.run(args);
        assertThat(again.exit()).isZero();
        assertThat(again.err()).contains("finished earlier, reusing");
        assertThat(Files.getLastModifiedTime(result)).isEqualTo(stamp);

        String[] other = args.clone();
        other[8] = "13"; // --steps
        CliRunner.Result refused = CliRunner.run(other);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("another configuration");
    }

    @Test
    void reportOnlyCoversTheSeedsThatFinishedAndNamesTheMissingRuns(@TempDir Path tmp) throws Exception {
        String[] oneSeed = {"compare", "--task", "fuzzylogic", "--attention", "softmax_attention,linear_attention", "--seeds", "0",
            "--steps", "6", "--batch", "8", "--eval-every", "6", "--eval-examples", "32", "--threads", "2", "--out", tmp.toString()};
        String[] twoSeeds = oneSeed.clone();
        twoSeeds[6] = "0,1";
        CliRunner.Result none = CliRunner.run(append(twoSeeds, "--report-only"));
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no comparison in");

        assertThat(CliRunner.run(oneSeed).exit()).isZero();
        // the same comparison with a second seed: its config differs only in seeds, so write that config first
        Files.writeString(tmp.resolve("config.json"), Files.readString(tmp.resolve("config.json")).replace("\"seeds\" : [ 0 ]",
                "\"seeds\" : [ 0, 1 ]"));
        Path late = Files.createDirectories(tmp.resolve("runs/linear_attention/seed-1"));
        Files.copy(tmp.resolve("runs/linear_attention/seed-0/metrics.jsonl"), late.resolve("metrics.jsonl"));

        CliRunner.Result interim = CliRunner.run(append(twoSeeds, "--report-only"));
        assertThat(interim.exit()).as(interim.err()).isZero();
        String md = Files.readString(tmp.resolve("report.md"));
        assertThat(md).startsWith("> **Interim report** over seed(s) [0] of [0, 1]")
                .contains("softmax_attention seed 1, linear_attention seed 1", "mean ± standard error over 1 seeds");
        assertThat(tmp.resolve("runs/softmax_attention/seed-1")).doesNotExist(); // nothing was trained

        // once every run has finished, --report-only writes the final report, with no interim notice
        assertThat(CliRunner.run(twoSeeds).exit()).isZero();
        String full = Files.readString(tmp.resolve("report.md"));
        assertThat(CliRunner.run(append(twoSeeds, "--report-only")).exit()).isZero();
        assertThat(Files.readString(tmp.resolve("report.md"))).doesNotContain("Interim").isEqualTo(full);
    }

    private static String[] append(String[] args, String extra) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = extra;
        return out;
    }
}
