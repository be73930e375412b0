package org.hyla4j.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyla4j.runner.TestCatalog;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.run.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's numbers, computed from known inputs. */
class CompareReportTest {

    static final String A = "softmax_attention";
    static final String B = "linear_attention";

    static RunConfig config() {
        return RunConfig.builder().task("fuzzylogic").attention(List.of(A, B)).seeds(List.of(0L, 1L, 2L)).steps(10).batch(4).lr(1e-3)
                .weightDecay(0.1).warmup(1).evalEvery(5).evalExamples(16).layers(2).threads(2).device("cpu").build(TestCatalog.builtIn());
    }

    static CompareReport.Run run(String variant, long seed, double test, double train) throws Exception {
        List<JsonNode> log = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        log.add(m.readTree("{\"type\":\"train\",\"step\":5,\"loss\":" + (1 + seed) + "}"));
        log.add(m.readTree("{\"type\":\"train\",\"step\":10,\"loss\":" + (0.5 + seed) + "}"));
        log.add(m.readTree("{\"type\":\"eval\",\"step\":10,\"test/r2\":" + test + "}"));
        return new CompareReport.Run(new RunResult(variant, seed, 10, Map.of("test/r2", test, "train/r2", train),
                Map.of("test/baseline_3nn_r2", 0.22, "train/baseline_3nn_r2", 0.24), 151_009, 12.0, "cpu()"), log);
    }

    @Test
    void meansStandardErrorsAndPairedIntervalsAreRight(@TempDir Path dir) throws Exception {
        List<CompareReport.Run> runs = List.of(run(A, 0, 0.5, 0.9), run(A, 1, 0.7, 0.9), run(A, 2, 0.6, 0.9),
                run(B, 0, 0.4, 0.8), run(B, 1, 0.5, 0.8), run(B, 2, 0.6, 0.8));
        CompareReport report = new CompareReport(config(), "test/r2", "train/r2", runs, null, false);
        Stats.Summary a = report.summary(A, "test/r2");
        assertThat(a.mean()).isCloseTo(0.6, within(1e-12));
        assertThat(a.se()).isCloseTo(0.1 / Math.sqrt(3), within(1e-12)); // sd 0.1
        Stats.Summary d = report.paired(A, B, "test/r2"); // differences 0.1, 0.2, 0.0
        assertThat(d.mean()).isCloseTo(0.1, within(1e-12));
        double halfWidth = 4.302652729911275 * 0.1 / Math.sqrt(3); // t(0.975, 2) · sd/√n
        assertThat(d.ciLow()).isCloseTo(0.1 - halfWidth, within(1e-9));
        assertThat(d.ciHigh()).isCloseTo(0.1 + halfWidth, within(1e-9));
        assertThat(report.curve(A, "train", "loss")[1]).containsExactly(2.0, 1.5);

        report.write(dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("| " + A + " | 151,009 | 0.6000 ± 0.0577 |", "| " + A + " − " + B + " | 0.1000 | [-0.1484, 0.3484] | 3 |",
                "`test/baseline_3nn_r2` 0.2200");
        assertThat(Files.readString(dir.resolve("report.csv"))).contains(A + ",test/r2,3,0.600000,0.057735,");
        for (String png : List.of("learning_curves.png", "eval_curves.png", "final_metrics.png")) {
            assertThat(Files.size(dir.resolve(png))).as(png).isGreaterThan(5_000);
        }
    }

    @Test
    void everyHylaSoftmaxComparisonCarriesItsVerdictAndBelowThePapersBudgetSaysWhereTheResultIs(@TempDir Path dir) throws Exception {
        String h = "linear_hypatt";
        List<CompareReport.Run> runs = List.of(run(A, 0, 0.5, 0.9), run(A, 1, 0.7, 0.9), run(A, 2, 0.6, 0.9),
                run(h, 0, 0.7, 0.9), run(h, 1, 0.9, 0.9), run(h, 2, 0.8, 0.9)); // +0.2 on every seed: the interval is [+20, +20]
        RunConfig config = config().toBuilder().attention(List.of(A, h)).build(TestCatalog.builtIn());
        org.hyla4j.runner.config.Experiment fuzzy = org.hyla4j.runner.config.Experiment.forTask("fuzzylogic");
        assertThat(fuzzy.name()).isEqualTo("fuzzy-a1");
        CompareReport report = new CompareReport(config, "test/r2", "train/r2", runs, fuzzy, false);
        report.write(dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("## What this comparison says", "HYLA − softmax on `test/r2`, paired over 3 seed(s): +20.00 (95 % CI "
                + "[+20.00, +20.00]). HYLA's advantage **reproduced** (the 95 % interval excludes 0).",
                "**Below the paper's budget.** These runs trained 10 steps, 0.0 % of the 50,000", "docs/results/fuzzy-a1-paper/report.md")
                .doesNotContain("the paper: +"); // compare's settings are not the paper's: no paper difference beside it
        // reproduce: the paper's settings, so the paper's difference is printed too
        assertThat(new CompareReport(config, "test/r2", "train/r2", runs, fuzzy, true).verdictSection()).contains("; the paper: +17.85).");
        // in distribution 0.90 against the 3-NN baseline's 0.24: both have learned the task; at 0.25 neither has
        List<CompareReport.Run> unlearned = List.of(run(A, 0, 0.5, 0.25), run(h, 0, 0.7, 0.25));
        assertThat(new CompareReport(config, "test/r2", "train/r2", unlearned, fuzzy, false).verdictSection())
                .contains("**Not testable at this budget**: linear_hypatt and softmax_attention have not yet learned the task");
        // no HYLA-softmax pair, no paper experiment for the task: no section
        assertThat(new CompareReport(config(), "test/r2", "train/r2", runs.subList(0, 3), null, false).verdictSection()).isEmpty();
    }
}
