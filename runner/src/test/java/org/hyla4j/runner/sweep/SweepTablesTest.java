package org.hyla4j.runner.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hyla4j.runner.TestCatalog;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.run.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep page's tables beyond the headline: every final metric, the trivial baselines, the overhead, summary.csv. */
class SweepTablesTest {

    @TempDir
    Path tmp;

    private Sweep sweep() throws Exception {
        Path f = Files.writeString(tmp.resolve("s.yaml"), """
                method: grid
                parameters:
                  attention: {values: [softmax_attention, linear_hypatt]}
                  seed: {values: [0, 1, 2]}
                  task: {value: fuzzylogic}
                  steps: {value: 20}
                """);
        return Sweep.expand(SweepFile.read(f), RunConfig.builder(), TestCatalog.builtIn(), tmp.resolve("out"));
    }

    private static void finish(Sweep s, String attention, long seed, double test, double train, double wall, String log) throws Exception {
        Sweep.Point p = s.points().stream().filter(x -> x.run().attention().equals(attention) && x.run().seed() == seed).findFirst().orElseThrow();
        Files.createDirectories(p.run().dir());
        Json.write(p.run().dir().resolve(RunResult.FILE), new RunResult(attention, seed, 20,
                Map.of("test/r2", test, "train/r2", train, "ood/r2", test - 1, "test/mse", 0.01 * seed),
                Map.of("test/baseline_3nn_r2", 0.4 + 0.1 * seed), attention.equals("linear_hypatt") ? 151265 : 150000, wall, "cpu()"));
        if (log != null) {
            Files.writeString(p.run().dir().resolve("metrics.jsonl"), log);
        }
    }

    @Test
    void everyMetricIsTabledPerVariantWithItsSpreadParametersAndWallTime() throws Exception {
        Sweep s = sweep();
        finish(s, "softmax_attention", 0, 0.50, 0.90, 10, "{\"type\":\"eval\",\"step\":10,\"eval_s\":1.0,\"wall_s\":5}\n"
                + "{\"type\":\"checkpoint\",\"step\":20,\"checkpoint_s\":0.5,\"wall_s\":10}\n");
        finish(s, "softmax_attention", 1, 0.60, 0.92, 20, "{\"type\":\"eval\",\"step\":10,\"eval_s\":3.0,\"wall_s\":20}\n");
        finish(s, "linear_hypatt", 0, 0.70, 0.95, 30, null); // no log: left out of the overhead sentence, still in the tables
        SweepReport r = new SweepReport(s, TestCatalog.builtIn());

        // headline first, then in-distribution, then the headline metric on other splits, then the rest
        assertThat(SweepTables.metricKeys(r)).containsExactly("test/r2", "train/r2", "ood/r2", "test/mse");
        String md = SweepTables.finalMetrics(r);
        // softmax: test 0.55 ± 0.05 (sd 0.0707 over two), wall (10 + 20) / 2; HYLA: one seed, no SE
        assertThat(md).contains("| cell | variant | params | n | test/r2 | train/r2 | ood/r2 | test/mse | wall s/run |",
                "| all | softmax_attention | 150,000 | 2 | 0.5500 ± 0.0500 | 0.9100 ± 0.0100 | -0.4500 ± 0.0500 | 0.0050 ± 0.0050 | 15 |",
                "| all | linear_hypatt | 151,265 | 1 | 0.7000 | 0.9500 | -0.3000 | 0.0000 | 30 |",
                "`test/baseline_3nn_r2` 0.4333", // (0.4 + 0.5 + 0.4) / 3
                // eval 1/10 and 3/20, checkpoints 0.5/10 and 0: means 12.5 % and 2.5 %; the worst run 15 %
                "Evaluation took 12.5 % and checkpoints 2.5 % of the training wall time (mean over 2 runs", "at most 15.0 % together");

        List<String> csv = SweepTables.summaryCsv(r);
        assertThat(csv.get(0)).isEqualTo("cell,variant,metric,n,mean,se,ci95_low,ci95_high,parameters");
        // two seeds: t(0.975, 1) = 12.706, so 0.55 ± 12.706 · 0.05
        assertThat(csv).contains("all,softmax_attention,test/r2,2,0.550000,0.050000,-0.085310,1.185310,150000",
                "all,linear_hypatt,test/r2,1,0.700000,,,,151265");
        assertThat(csv).hasSize(1 + 2 * 4);

        List<String> runs = SweepTables.runsCsv(r);
        assertThat(runs.get(0)).isEqualTo("run,hash,attention,seed,status,steps,test/r2,train/r2,wall_s");
        assertThat(runs).filteredOn(l -> l.contains(",not started,")).hasSize(3);
    }

    @Test
    void aSweepWithNothingFinishedHasNoFinalMetricsSection() throws Exception {
        SweepReport r = new SweepReport(sweep(), TestCatalog.builtIn());
        assertThat(SweepTables.finalMetrics(r)).isEmpty();
        assertThat(SweepTables.summaryCsv(r)).hasSize(1);
    }
}
