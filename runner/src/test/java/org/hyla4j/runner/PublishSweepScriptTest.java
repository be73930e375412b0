package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/publish-sweep: a sweep's report, finished runs' logs and latent codes into the repository, nothing else. */
class PublishSweepScriptTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "publish-sweep").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private Outcome publish(Path from, Path to) throws Exception {
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), from.toString(), to.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), out);
    }

    private record Outcome(int code, String out) {
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void copiesTheReportTheFinishedRunsLogsAndTheLatentCodesButNoCheckpoints() throws Exception {
        Path sweep = tmp.resolve("sweep");
        write(sweep.resolve("report.md"), "# Sweep x");
        write(sweep.resolve("report.csv"), "run,status");
        write(sweep.resolve("summary.csv"), "cell,variant,metric,n,mean,se");
        write(sweep.resolve("curves-held-out.png"), "png");
        Path done = sweep.resolve("runs/softmax_attention-s0-919be9f36d2a");
        for (String f : new String[] {"config.json", "metrics.jsonl", "provenance.json", "result.json", "train.log", "checkpoint.bin"}) {
            write(done.resolve(f), f + " of softmax");
        }
        write(done.resolve("checkpoints/step-1000.bin"), "x");
        write(done.resolve("latent/latent.json"), "{\"final\":true}");
        write(done.resolve("latent/decoding_f1.png"), "png");
        write(done.resolve("latent-step-3000/latent.json"), "{\"step\":3000}");
        write(done.resolve("latent-step-3000/decoding_f1.png"), "png");
        Path running = sweep.resolve("runs/linear_hypatt-s0-57dbd12d6bcc");
        write(running.resolve("metrics.jsonl"), "{}");
        write(running.resolve("checkpoint.bin"), "x");
        write(running.resolve("latent-step-3000/latent.json"), "{\"step\":3000,\"hyla\":true}");

        Path dest = tmp.resolve("docs/results/x");
        write(dest.resolve("notes.md"), "kept");
        Outcome o = publish(sweep, dest);
        assertThat(o.code()).as(o.out()).isZero();
        assertThat(o.out()).contains("report: 4 file(s)", "softmax_attention-s0-919be9f36d2a: finished, logs copied",
                "linear_hypatt-s0-57dbd12d6bcc: latent code at step-3000 copied").doesNotContain("linear_hypatt-s0-57dbd12d6bcc: finished");
        assertThat(dest.resolve("report.md")).hasContent("# Sweep x");
        assertThat(dest.resolve("curves-held-out.png")).exists();
        assertThat(dest.resolve("summary.csv")).hasContent("cell,variant,metric,n,mean,se");
        assertThat(dest.resolve("notes.md")).hasContent("kept");
        Path run = dest.resolve("runs/softmax_attention-s0-919be9f36d2a");
        assertThat(run.resolve("metrics.jsonl")).hasContent("metrics.jsonl of softmax");
        assertThat(run.resolve("result.json")).exists();
        assertThat(run.resolve("checkpoint.bin")).doesNotExist();
        assertThat(run.resolve("checkpoints")).doesNotExist();
        assertThat(run.resolve("train.log")).doesNotExist();
        assertThat(dest.resolve("runs/linear_hypatt-s0-57dbd12d6bcc")).doesNotExist(); // in progress: only the report lists it
        assertThat(dest.resolve("latent/softmax_attention-s0/latent.json")).hasContent("{\"final\":true}");
        assertThat(dest.resolve("latent/softmax_attention-s0/decoding_f1.png")).exists();
        assertThat(dest.resolve("latent/softmax_attention-s0/step-3000/latent.json")).hasContent("{\"step\":3000}");
        assertThat(dest.resolve("latent/softmax_attention-s0/step-3000/decoding_f1.png")).doesNotExist();
        assertThat(dest.resolve("latent/linear_hypatt-s0/step-3000/latent.json")).hasContent("{\"step\":3000,\"hyla\":true}");
        try (var files = Files.walk(dest)) {
            assertThat(files.filter(f -> f.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void aSweepWithoutAReportIsOneErrorLineAndExitCodeTwo() throws Exception {
        Files.createDirectories(tmp.resolve("sweep/runs"));
        Outcome o = publish(tmp.resolve("sweep"), tmp.resolve("dest"));
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.out().strip()).startsWith("error: ").contains("no report.md", "--report-only").doesNotContain("\n");
        assertThat(tmp.resolve("dest")).doesNotExist();
    }
}
