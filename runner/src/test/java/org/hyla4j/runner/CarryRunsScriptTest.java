package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/carry-runs: what a sweep's runs need to resume on another machine, and never over newer work. */
class CarryRunsScriptTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "carry-runs").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private static void run(Path dir, long checkpointStep, boolean finished) throws IOException {
        Files.createDirectories(dir.resolve("checkpoints"));
        Files.writeString(dir.resolve("config.json"), "{\"steps\":50000}");
        Files.writeString(dir.resolve("provenance.json"), "{}");
        Files.writeString(dir.resolve("train.log"), "log of " + dir.getFileName());
        Files.writeString(dir.resolve("owner.json"), "{\"pid\":1}");
        Files.write(dir.resolve("checkpoint.bin"), new byte[] {1, 2, (byte) checkpointStep});
        Files.write(dir.resolve("checkpoints").resolve("step-" + checkpointStep + ".bin"), new byte[] {9});
        Files.writeString(dir.resolve("metrics.jsonl"),
                "{\"loss\":0.1,\"step\":" + checkpointStep + ",\"type\":\"train\"}\n"
                        + "{\"checkpoint_s\":0.01,\"step\":" + checkpointStep + ",\"type\":\"checkpoint\",\"wall_s\":1.0}\n");
        if (finished) {
            Files.writeString(dir.resolve("result.json"), "{\"steps\":" + checkpointStep + "}");
        }
    }

    private static Outcome carry(String mode, Path from, Path to) throws Exception {
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), mode, from.toString(), to.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), out);
    }

    /** Exit code and output of the script. */
    private record Outcome(int code, String out) {
    }

    @Test
    void savesWhatResumingNeedsAndRestoresOnlyOverOlderWork() throws Exception {
        Path sweep = tmp.resolve("sweep");
        run(sweep.resolve("runs/softmax-s0"), 3000, false);
        run(sweep.resolve("runs/hyla-s0"), 50000, true);
        Files.writeString(sweep.resolve("sweep.json"), "{\"name\":\"x\"}");
        Path carried = tmp.resolve("carry");

        Outcome saved = carry("save", sweep, carried);
        assertThat(saved.code()).as(saved.out()).isZero();
        assertThat(saved.out()).contains("softmax-s0: copied at step 3000", "hyla-s0: finished, copied");
        assertThat(carried.resolve("sweep.json")).hasContent("{\"name\":\"x\"}");
        Path soft = carried.resolve("runs/softmax-s0");
        assertThat(soft.resolve("checkpoint.bin")).hasBinaryContent(new byte[] {1, 2, (byte) 3000});
        assertThat(soft.resolve("metrics.jsonl")).exists();
        assertThat(soft.resolve("checkpoints")).doesNotExist(); // the kept history stays behind
        assertThat(soft.resolve("owner.json")).doesNotExist(); // a claim belongs to the machine that made it
        assertThat(carried.resolve("runs/hyla-s0/result.json")).exists();

        // saving again with nothing new keeps the carried copies
        assertThat(carry("save", sweep, carried).out())
                .contains("softmax-s0: kept (step 3000 here, step 3000 in", "hyla-s0: kept (finished here, finished in");

        // a machine where softmax got further on its own: restore brings the finished run, leaves softmax alone
        Path other = tmp.resolve("other");
        run(other.resolve("runs/softmax-s0"), 5000, false);
        Outcome restored = carry("restore", carried, other);
        assertThat(restored.code()).as(restored.out()).isZero();
        assertThat(restored.out()).contains("softmax-s0: kept (step 5000 here, step 3000 in");
        assertThat(other.resolve("runs/softmax-s0/checkpoint.bin")).hasBinaryContent(new byte[] {1, 2, (byte) 5000});
        assertThat(other.resolve("runs/hyla-s0/result.json")).exists();
        assertThat(other.resolve("runs/hyla-s0/checkpoint.bin")).exists();

        // a fresh machine gets everything back
        Path fresh = tmp.resolve("fresh");
        Files.createDirectories(fresh);
        assertThat(carry("restore", carried, fresh).code()).isZero();
        assertThat(fresh.resolve("runs/softmax-s0/checkpoint.bin")).hasBinaryContent(new byte[] {1, 2, (byte) 3000});
    }

    @Test
    void badInputIsOneErrorLineAndExitTwo() throws Exception {
        Outcome r = carry("save", tmp.resolve("missing"), tmp.resolve("carry"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).startsWith("error: ").doesNotContain("\n" + "error").contains("has no runs/ directory");
        Outcome u = carry("copy", tmp, tmp);
        assertThat(u.code()).isEqualTo(2);
    }
}
