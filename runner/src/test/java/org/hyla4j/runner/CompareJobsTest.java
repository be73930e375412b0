package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare --jobs 2}: runs train in child JVMs, give the sequential results, and report a failing child in one line. */
class CompareJobsTest {

    private static String[] args(Path out, String jobs) {
        return new String[] {"compare", "--task", "fuzzylogic", "--attention", "softmax_attention,linear_hypatt", "--seeds", "3", "--steps",
            "10", "--batch", "8", "--eval-every", "5", "--eval-examples", "64", "--threads", "1", "--jobs", jobs, "--out", out.toString()};
    }

    @Test
    void concurrentRunsGiveTheSequentialResults(@TempDir Path tmp) throws Exception {
        CliRunner.Result seq = CliRunner.run(args(tmp.resolve("seq"), "1"));
        assertThat(seq.exit()).as(seq.err()).isZero();
        CliRunner.Result par = CliRunner.run(args(tmp.resolve("par"), "2"));
        assertThat(par.exit()).as(par.err()).isZero();
        assertThat(par.err()).contains("jobs: 2", "[softmax_attention seed 3]", "[linear_hypatt seed 3]");
        ObjectMapper json = new ObjectMapper();
        for (String v : new String[] {"softmax_attention", "linear_hypatt"}) {
            JsonNode a = json.readTree(CliRunner.runDir(tmp.resolve("seq"), v, 3).resolve("result.json").toFile());
            JsonNode b = json.readTree(CliRunner.runDir(tmp.resolve("par"), v, 3).resolve("result.json").toFile());
            // same data, initialisation and dropout; only the intra-op thread count of the in-process engine may
            // differ (it is fixed by whichever test starts the engine first), which changes sums in the last bits
            assertThat(b.get("metrics").size()).isEqualTo(a.get("metrics").size()).isPositive();
            a.get("metrics").fields().forEachRemaining(e -> assertThat(b.get("metrics").get(e.getKey()).asDouble()).as(e.getKey())
                    .isCloseTo(e.getValue().asDouble(), org.assertj.core.api.Assertions.withinPercentage(1e-4)));
            assertThat(a.get("metrics").get("test/r2").asDouble()).isFinite();
        }
        assertThat(Files.readString(tmp.resolve("par/report.md"))).contains("| linear_hypatt | 151,009 | 1 |");
    }

    @Test
    void aFailingChildIsReportedInOneLineAndTheOtherRunIsKept(@TempDir Path tmp) throws Exception {
        // another process holds one run's directory (as a second compare would): that child refuses, the other run trains
        org.hyla4j.runner.config.RunConfig c = org.hyla4j.runner.config.RunConfig.builder().task("fuzzylogic").attention(java.util.List.of(
                "linear_hypatt")).seeds(java.util.List.of(3L)).steps(10).batch(8).evalEvery(5).evalExamples(64).build(TestCatalog.builtIn());
        Path held = Files.createDirectories(tmp.resolve("runs/linear_hypatt-s3-" + org.hyla4j.runner.plan.RunPlan.hash(c)));
        try (org.hyla4j.runner.run.RunClaim claim = org.hyla4j.runner.run.RunClaim.acquire(held, java.time.Duration.ZERO)) {
            CliRunner.Result r = CliRunner.run(args(tmp, "2"));
            assertThat(r.exit()).isNotZero();
            assertThat(r.err().lines().filter(l -> l.startsWith("error: "))).singleElement().asString()
                    .contains("[linear_hypatt seed 3]", "is in use by");
            assertThat(r.err()).doesNotContain("Exception", "\tat ");
            assertThat(held.resolve("metrics.jsonl")).doesNotExist();
            assertThat(org.hyla4j.runner.run.RunClaim.owner(held).pid()).isEqualTo(ProcessHandle.current().pid());
        }
    }
}
