package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny end-to-end comparison: runs, the sweep's report, reuse on rerun, report-only over what has finished. */
class CompareCommandTest {

    @Test
    void compareWritesRunsAndTheSweepsReportAndReusesFinishedRuns(@TempDir Path tmp) throws Exception {
        String[] args = {"compare", "--task", "fuzzylogic", "--attention", "softmax_attention,linear_hypatt", "--seeds", "0,1",
            "--steps", "12", "--batch", "8", "--eval-every", "6", "--eval-examples", "64", "--threads", "2", "--out", tmp.toString()};
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        for (String v : new String[] {"softmax_attention", "linear_hypatt"}) {
            for (int s = 0; s < 2; s++) {
                Path run = CliRunner.runDir(tmp, v, s);
                assertThat(run.resolve("result.json")).exists();
                assertThat(run.resolve("config.json")).exists();
                assertThat(Files.readString(run.resolve("provenance.json"))).contains("\"pytorch_version\"", "\"git_commit\"", "\"seeds\"");
                assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).anyMatch(l -> l.contains("\"type\":\"eval\"") && l.contains("\"eval_s\":"))
                        .anyMatch(l -> l.contains("\"type\":\"checkpoint\"") && l.contains("\"checkpoint_s\":"));
            }
        }
        String md = Files.readString(tmp.resolve("report.md"));
        assertThat(md).contains("# Sweep " + tmp.getFileName() + "\n", "From `hyla4j compare`: 4 runs (4 finished", "| softmax_attention | 151,009 | 2 |",
                "| linear_hypatt | 151,009 | 2 |", "test/r2", "train/r2", "## Paired differences against softmax_attention", "baseline_3nn_r2",
                "Evaluation took ", "of the training wall time (mean over 4 runs", "HYLA − softmax on `test/r2`, paired over 2 seed(s)",
                "**Regime**: split `hyla4j`, decay mask `paper` (the runs' `training_regime`): today's default for these settings.",
                // preset small at batch 8 is not the paper's experiment: its steps are no share of the paper's budget
                "**Not the paper's setting.** These runs trained 12 steps in another setting than the paper's experiment (fuzzy-a1: ",
                "preset `small`, batch 8 (the experiment: preset `paper`, batch 128)").doesNotContain("Below the paper's budget");
        assertThat(tmp.resolve("report.csv")).exists();
        assertThat(tmp.resolve("summary.csv")).exists();
        assertThat(tmp.resolve("sweep.json")).exists();
        assertThat(tmp.resolve("final-metrics.png")).exists();
        assertThat(tmp.resolve("report.html")).exists();

        Path result = CliRunner.runDir(tmp, "linear_hypatt", 1).resolve("result.json");
        FileTime stamp = Files.getLastModifiedTime(result);
        CliRunner.Result again = CliRunner.run(args);
        assertThat(again.exit()).isZero();
        assertThat(again.err()).contains("all 4 runs finished earlier; nothing to train");
        assertThat(Files.getLastModifiedTime(result)).isEqualTo(stamp);
        assertThat(Files.readString(tmp.resolve("report.md"))).isEqualTo(md);
    }

    @Test
    void anUnknownSparkMasterOrOneWithJobsIsOneErrorLineAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        CliRunner.Result bogus = CliRunner.run("compare", "--task", "fuzzylogic", "--steps", "2", "--master", "bogus://x", "--out",
                tmp.resolve("a").toString());
        assertThat(bogus.exit()).isEqualTo(2);
        assertThat(bogus.err().strip()).isEqualTo("error: unknown Spark master 'bogus://x'; expected local[N], spark://HOST:PORT, yarn or k8s://HOST:PORT");
        assertThat(tmp.resolve("a")).doesNotExist();
        CliRunner.Result both = CliRunner.run("compare", "--task", "fuzzylogic", "--steps", "2", "--master", "local[2]", "--jobs", "2", "--out",
                tmp.resolve("b").toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err().strip()).startsWith("error: --jobs and --master exclude each other").doesNotContain("\n");
        assertThat(tmp.resolve("b")).doesNotExist();
    }

    @Test
    void runsLeftInTheEarlierLayoutAreTakenOverWhenTheyAreTheSameExperiment(@TempDir Path tmp) throws Exception {
        String[] args = {"compare", "--task", "fuzzylogic", "--attention", "softmax_attention", "--seeds", "0,1", "--steps", "6",
            "--batch", "8", "--eval-every", "6", "--eval-examples", "32", "--threads", "2", "--out", tmp.toString()};
        assertThat(CliRunner.run(args).exit()).isZero();
        // put the runs where compare wrote them before it was a sweep: runs/VARIANT/seed-S; seed 1's with another experiment
        Path s0 = CliRunner.runDir(tmp, "softmax_attention", 0);
        Path s1 = CliRunner.runDir(tmp, "softmax_attention", 1);
        Path legacy0 = tmp.resolve("runs/softmax_attention/seed-0");
        Path legacy1 = tmp.resolve("runs/softmax_attention/seed-1");
        Files.createDirectories(legacy0.getParent());
        Files.move(s0, legacy0);
        Files.move(s1, legacy1);
        Files.writeString(legacy1.resolve("config.json"), Files.readString(legacy1.resolve("config.json")).replace("\"steps\" : 6", "\"steps\" : 7"));
        FileTime stamp = Files.getLastModifiedTime(legacy0.resolve("result.json"));
        CliRunner.Result again = CliRunner.run(args);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("taken over from the earlier layout: runs/softmax_attention/seed-0 -> runs/" + s0.getFileName())
                .doesNotContain("seed-1 ->").contains("1 finished earlier");
        assertThat(Files.getLastModifiedTime(s0.resolve("result.json"))).isEqualTo(stamp); // reused, not trained again
        assertThat(s1.resolve("result.json")).exists(); // trained anew: the legacy directory was another experiment
        assertThat(legacy1.resolve("result.json")).exists(); // and left where it was
    }

    @Test
    void reportOnlyCoversTheRunsThatFinishedAndNamesTheOthers(@TempDir Path tmp) throws Exception {
        String[] oneSeed = {"compare", "--task", "fuzzylogic", "--attention", "softmax_attention,linear_attention", "--seeds", "0",
            "--steps", "6", "--batch", "8", "--eval-every", "6", "--eval-examples", "32", "--threads", "2", "--out", tmp.toString()};
        String[] twoSeeds = oneSeed.clone();
        twoSeeds[6] = "0,1";
        CliRunner.Result none = CliRunner.run(append(twoSeeds, "--report-only"));
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("error: no run in").contains("has finished yet");

        assertThat(CliRunner.run(oneSeed).exit()).isZero();
        CliRunner.Result interim = CliRunner.run(append(twoSeeds, "--report-only"));
        assertThat(interim.exit()).as(interim.err()).isZero();
        String md = Files.readString(tmp.resolve("report.md"));
        assertThat(md).contains("4 runs (2 finished, 0 failed, 0 in progress, 2 not started)", "## Runs not started", "softmax_attention-s1-",
                "linear_attention-s1-", "| all | softmax_attention | 1 |");
        try (var dirs = Files.list(tmp.resolve("runs"))) {
            assertThat(dirs.map(d -> d.getFileName().toString())).noneMatch(n -> n.contains("-s1-")); // nothing was trained
        }
    }

    private static String[] append(String[] args, String extra) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = extra;
        return out;
    }
}
