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
                assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).anyMatch(l -> l.contains("\"type\":\"eval\""));
            }
        }
        String md = Files.readString(tmp.resolve("report.md"));
        assertThat(md).contains("| softmax_attention | 151,009 |", "| linear_hypatt | 151,009 |", "test/r2", "train/r2",
                "softmax_attention − linear_hypatt", "baseline_3nn_r2");
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
}
