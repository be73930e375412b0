package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hyla4j.runner.base.Exits;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.run.RunClaim;
import org.hyla4j.runner.sweep.Sweep;
import org.hyla4j.runner.sweep.SweepFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hyla4j sweep} from the command line (no Spark job here: the job itself is SweepIT), and run-directory claims for {@code train}. */
class SweepCommandTest {

    @Test
    void aDryRunPrintsEveryRunAndTheCountAndTrainsNothing(@TempDir Path tmp) {
        CliRunner.Result r = CliRunner.run("sweep", "../sweeps/paper-fuzzy-logic.yaml", "--dry-run", "--estimate-steps", "0", "--out",
                tmp.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("sweep paper-fuzzy-logic: 432 runs").contains("432 runs, 0 finished earlier, 432 to train")
                .contains("linear_hypatt-s2-");
        assertThat(tmp.resolve("runs")).doesNotExist();
    }

    @Test
    void aBudgetOfTheFileIsLaidOverItsParameters(@TempDir Path tmp) throws Exception {
        // an experiment is a sweep file: sweep runs it at a named budget as reproduce does
        Path f = Files.writeString(tmp.resolve("e.yaml"), "method: grid\nname: e\nparameters:\n  task: {value: fuzzylogic}\n"
                + "  attention: {values: [softmax_attention, linear_hypatt]}\n  seed: {values: [0, 1, 2]}\n"
                + "budgets:\n  tiny: {steps: 40, seed: [5]}\n");
        CliRunner.Result r = CliRunner.run("sweep", f.toString(), "--budget", "tiny", "--dry-run", "--estimate-steps", "0", "--out",
                tmp.resolve("o").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("sweep e-tiny: 2 runs", "softmax_attention-s5-", "linear_hypatt-s5-").doesNotContain("-s0-");
        CliRunner.Result bad = CliRunner.run("sweep", f.toString(), "--budget", "huge", "--dry-run");
        assertThat(bad.exit()).isEqualTo(Exits.USAGE);
        assertThat(bad.err().strip()).isEqualTo("error: unknown budget 'huge'; known: tiny");
    }

    @Test
    void aDryRunEstimatesCoreHoursFromTimedSteps(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("s.yaml"), "method: grid\nparameters:\n  task: {value: fuzzylogic}\n  steps: {value: 3600}\n"
                + "  attention: {values: [softmax_attention, linear_hypatt]}\n  batch: {value: 8}\n");
        CliRunner.Result r = CliRunner.run("sweep", f.toString(), "--dry-run", "--estimate-steps", "2", "--out", tmp.resolve("o").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("estimate: [0-9.]+ run-hours at 1 thread\\(s\\) per run = [0-9.]+ core-hours \\(from 2 timed shape");
        assertThat(r.err()).contains("timed fuzzylogic");
    }

    @Test
    void badSweepInputIsOneLineAndExitCodeTwo(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("bad.yaml"), "method: grid\nparameters:\n  config.lr: {values: [0.001, lots]}\n");
        CliRunner.Result r = CliRunner.run("sweep", f.toString(), "--dry-run");
        assertThat(r.exit()).isEqualTo(Exits.USAGE);
        assertThat(r.err().strip()).startsWith("error: ").contains("bad.yaml", "config.lr", "lots").doesNotContain("\n").doesNotContain("Exception");
        // a YAML syntax error: where SnakeYAML found it and what it is, on one line
        Path syntax = Files.writeString(tmp.resolve("syntax.yaml"), "method: grid\nparameters:\n  attention: {values: [softmax_attention]\n  seed: {values: [0]}\n");
        CliRunner.Result broken = CliRunner.run("sweep", syntax.toString(), "--dry-run");
        assertThat(broken.exit()).isEqualTo(Exits.USAGE);
        assertThat(broken.err().strip()).isEqualTo("error: syntax.yaml: line 4, column 3: while parsing a flow mapping: expected ',' or '}', but got <scalar>");
        CliRunner.Result missing = CliRunner.run("sweep", tmp.resolve("nope.yaml").toString());
        assertThat(missing.exit()).isEqualTo(Exits.USAGE);
        assertThat(missing.err().strip()).isEqualTo("error: sweep file " + tmp.resolve("nope.yaml") + " does not exist");
        CliRunner.Result threads = CliRunner.run("sweep", f.toString(), "--threads", "0");
        assertThat(threads.exit()).isEqualTo(Exits.USAGE);
        Path paper = Files.writeString(tmp.resolve("paper.yaml"), "method: grid\npaper: fuzzy-a2\nparameters:\n  seed: {values: [0, 1]}\n");
        CliRunner.Result unknown = CliRunner.run("sweep", paper.toString(), "--dry-run");
        assertThat(unknown.exit()).isEqualTo(Exits.USAGE);
        assertThat(unknown.err().strip()).startsWith("error: ").contains("fuzzy-a2", "fuzzy-a1, sraven-a1").doesNotContain("\n");
        // an unknown Spark master: our one line, not Spark's stack trace, and no context is started
        Path small = Files.writeString(tmp.resolve("small.yaml"), "method: grid\nparameters:\n  task: {value: fuzzylogic}\n  steps: {value: 2}\n");
        CliRunner.Result master = CliRunner.run("sweep", small.toString(), "--master", "bogus://x", "--out", tmp.resolve("m").toString());
        assertThat(master.exit()).isEqualTo(Exits.USAGE);
        assertThat(master.err().strip()).isEqualTo("error: unknown Spark master 'bogus://x'; expected local[N], spark://HOST:PORT, yarn or k8s://HOST:PORT");
        assertThat(tmp.resolve("m")).doesNotExist(); // refused before the sweep's directory is made
        CliRunner.Result conf = CliRunner.run("sweep", small.toString(), "--conf", "spark.master=bogus://y", "--out", tmp.resolve("c").toString());
        assertThat(conf.exit()).isEqualTo(Exits.USAGE);
        assertThat(conf.err().strip()).isEqualTo("error: unknown Spark master 'bogus://y'; expected local[N], spark://HOST:PORT, yarn or k8s://HOST:PORT");
        assertThat(tmp.resolve("c")).doesNotExist();
    }

    @Test
    void theReportListsRunsInProgressWithTheirCheckpointAndLastEvaluation(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("s.yaml"), """
                method: grid
                paper: fuzzy-a1
                parameters:
                  attention: {values: [softmax_attention, linear_hypatt, linear_attention]}
                  task: {value: fuzzylogic}
                  steps: {value: 20}
                  eval_every: {value: 10}
                  checkpoint_every: {value: 10}
                  batch: {value: 4}
                  eval_examples: {value: 16}
                """);
        Path out = tmp.resolve("out");
        List<Path> dirs = Sweep.expand(SweepFile.read(f), RunConfig.builder(), TestCatalog.builtIn(), out).points().stream()
                .map(p -> p.run().dir()).toList();
        // softmax finished; HYLA stopped after its checkpoint and evaluation at step 10 (trained as a 10-step run: the same files);
        // linear attention not started
        for (int i = 0; i < 2; i++) {
            CliRunner.Result r = CliRunner.run("train", "--task", "fuzzylogic", "--attention", i == 0 ? "softmax_attention" : "linear_hypatt",
                    "--steps", i == 0 ? "20" : "10", "--eval-every", "10", "--batch", "4", "--eval-examples", "16", "--threads", "1", "--out",
                    dirs.get(i).toString());
            assertThat(r.exit()).as(r.err()).isZero();
        }
        // both finished: the paper section pairs them on their one seed
        CliRunner.Result both = CliRunner.run("sweep", f.toString(), "--report-only", "--out", out.toString());
        assertThat(both.exit()).as(both.err()).isZero();
        assertThat(Files.readString(out.resolve("report.md"))).contains("## Paper vs measured", "beside this sweep's at 20 steps (0 % of the paper's 50,000)")
                .containsPattern("\\| all \\| softmax_attention \\| 63\\.28 ± 2\\.31 \\| -?\\d+\\.\\d\\d \\| 1 \\| -?\\d+\\.\\d\\d \\|")
                .containsPattern("\\| all \\| linear_attention \\| 59\\.89 ± 5\\.22 \\| — \\| 0 \\| — \\|")
                .contains("| all | 3-NN baseline, same evaluation sets | — |")
                // 20 steps learn nothing: reproduce's verdict says so rather than read the difference
                .containsPattern("HYLA − softmax on `test/r2`, paired over 1 seed\\(s\\): [+-]\\d+\\.\\d\\d \\(95 % CI n/a; the paper: \\+17\\.85\\)\\. "
                        + "\\*\\*Not testable at this budget\\*\\*: ");

        Files.delete(dirs.get(1).resolve("result.json"));

        CliRunner.Result r = CliRunner.run("sweep", f.toString(), "--report-only", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String md = Files.readString(out.resolve("report.md"));
        String hyla = dirs.get(1).getFileName().toString();
        assertThat(md).contains("3 runs (1 finished, 0 failed, 1 in progress, 1 not started)", "## Runs in progress")
                // its last logged rate, and the hours its 10 remaining steps take at it
                .containsPattern("\\| " + hyla + " \\| 10 \\| 20 \\| 10 \\| -?\\d\\.\\d{4} \\| -?\\d\\.\\d{4} \\| \\d+\\.\\d\\d \\| 0\\.0 \\|")
                .contains("## Runs not started\n\n1 run(s): " + dirs.get(2).getFileName())
                .contains("## During training", "![curves-held-out.png](curves-held-out.png)", "![curves-in-distribution.png]");
        assertThat(out.resolve("curves-held-out.png")).isNotEmptyFile();
        assertThat(out.resolve("curves-in-distribution.png")).isNotEmptyFile();
        assertThat(md).contains("## Paper vs measured").doesNotContain("HYLA − softmax, paired"); // HYLA is in progress
        List<String> csv = Files.readAllLines(out.resolve("report.csv"));
        assertThat(csv.get(1)).contains(",finished,20,");
        assertThat(csv.get(2)).startsWith(hyla).contains(",in progress,10,");
        assertThat(csv.get(3)).endsWith(",not started,,,,");
    }

    @Test
    void aSecondTrainInTheSameDirectoryRefusesNamingTheOwnerAndLeavesTheRunAlone(@TempDir Path tmp) {
        Path dir = tmp.resolve("run");
        try (RunClaim first = RunClaim.acquire(org.hyla4j.runner.run.RunService.prepare(dir), Duration.ZERO)) { // as a running train holds it
            CliRunner.Result r = CliRunner.run("train", "--task", "fuzzylogic", "--steps", "5", "--batch", "4", "--eval-examples", "16",
                    "--threads", "1", "--out", dir.toString());
            assertThat(r.exit()).isEqualTo(Exits.BUSY);
            assertThat(r.err().strip()).startsWith("error: run directory").contains("is in use by", "pid " + ProcessHandle.current().pid())
                    .doesNotContain("\n");
            assertThat(dir.resolve("metrics.jsonl")).doesNotExist();
            assertThat(dir.resolve(RunClaim.FILE)).exists(); // the owner's claim is untouched
        }
        CliRunner.Result after = CliRunner.run("train", "--task", "fuzzylogic", "--steps", "5", "--batch", "4", "--eval-examples", "16",
                "--threads", "1", "--out", dir.toString());
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(dir.resolve("result.json")).exists();
        assertThat(dir.resolve(RunClaim.FILE)).doesNotExist(); // released at the end
    }
}
