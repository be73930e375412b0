package org.hyla4j.runner.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyla4j.runner.TestCatalog;
import org.hyla4j.runner.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep report's metrics during training: mean ± SE over runs at each evaluation step. */
class SweepCurvesTest {

    @Test
    void aVariantsCurveIsTheMeanAndStandardErrorOverItsRunsAtEachStep(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("s.yaml"), """
                method: grid
                parameters:
                  attention: {value: softmax_attention}
                  seed: {values: [0, 1, 2]}
                  task: {value: fuzzylogic}
                  steps: {value: 20}
                """);
        List<Sweep.Point> points = Sweep.expand(SweepFile.read(f), RunConfig.builder(), TestCatalog.builtIn(), tmp.resolve("out")).points();
        // seeds 0 and 1 evaluated at steps 10 and 20; seed 2 only at 10 (its log was cut after a train record)
        log(points.get(0), "{\"type\":\"eval\",\"step\":10,\"test/r2\":0.2}", "{\"type\":\"train\",\"step\":15,\"loss\":1}",
                "{\"type\":\"eval\",\"step\":20,\"test/r2\":0.5}");
        log(points.get(1), "{\"type\":\"eval\",\"step\":10,\"test/r2\":0.4}", "{\"type\":\"eval\",\"step\":20,\"test/r2\":0.7}");
        log(points.get(2), "{\"type\":\"eval\",\"step\":10,\"test/r2\":0.6}", "{\"type\":\"train\",\"step\":15,\"lo");

        List<List<com.fasterxml.jackson.databind.JsonNode>> evals = points.stream().map(SweepFigures::evals).toList();
        double[][] c = SweepFigures.evalCurve(evals, "test/r2");
        assertThat(c[0]).containsExactly(10, 20);
        assertThat(c[1][0]).isCloseTo(0.4, within(1e-12));
        assertThat(c[2][0]).isCloseTo(0.2 / Math.sqrt(3), within(1e-12)); // sd 0.2 over three runs
        assertThat(c[1][1]).isCloseTo(0.6, within(1e-12));
        assertThat(c[2][1]).isCloseTo(Math.sqrt(0.02) / Math.sqrt(2), within(1e-12));

        double[][] one = SweepFigures.evalCurve(List.of(evals.get(2)), "test/r2");
        assertThat(one[0]).containsExactly(10);
        assertThat(one[2]).containsExactly(0); // one run: no error bar
        assertThat(SweepFigures.evalCurve(evals, "train/r2")[0]).isEmpty(); // a key nobody logged
    }

    private static void log(Sweep.Point p, String... lines) throws Exception {
        Files.createDirectories(p.run().dir());
        Files.writeString(p.run().dir().resolve("metrics.jsonl"), String.join("\n", lines) + "\n");
    }
}
