package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/carry-runs: what a sweep's runs in flight need to resume on another machine, never over newer work, never a
 * finished run, and with --milestone only a milestone's checkpoint (docs/sweeps.md, "Carrying a campaign").
 */
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
        return script(mode, from.toString(), to.toString());
    }

    private static Outcome script(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", SCRIPT.toString()));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
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
        assertThat(saved.out()).contains("softmax-s0: copied at step 3000", "hyla-s0: finished, not carried");
        assertThat(carried.resolve("sweep.json")).hasContent("{\"name\":\"x\"}");
        Path soft = carried.resolve("runs/softmax-s0");
        assertThat(soft.resolve("checkpoint.bin")).hasBinaryContent(new byte[] {1, 2, (byte) 3000});
        assertThat(soft.resolve("metrics.jsonl")).exists();
        assertThat(soft.resolve("checkpoints")).doesNotExist(); // the kept history stays behind
        assertThat(soft.resolve("owner.json")).doesNotExist(); // a claim belongs to the machine that made it
        assertThat(carried.resolve("runs/hyla-s0")).as("a finished run is published, never carried").doesNotExist();
        assertThat(soft.resolve("result.json")).doesNotExist();

        // saving again with nothing new keeps the carried copies
        assertThat(carry("save", sweep, carried).out()).contains("softmax-s0: kept (step 3000 here, step 3000 in");

        // a machine where softmax got further on its own: restore leaves softmax alone
        Path other = tmp.resolve("other");
        run(other.resolve("runs/softmax-s0"), 5000, false);
        Outcome restored = carry("restore", carried, other);
        assertThat(restored.code()).as(restored.out()).isZero();
        assertThat(restored.out()).contains("softmax-s0: kept (step 5000 here, step 3000 in");
        assertThat(other.resolve("runs/softmax-s0/checkpoint.bin")).hasBinaryContent(new byte[] {1, 2, (byte) 5000});


        // a fresh machine gets everything back
        Path fresh = tmp.resolve("fresh");
        Files.createDirectories(fresh);
        assertThat(carry("restore", carried, fresh).code()).isZero();
        assertThat(fresh.resolve("runs/softmax-s0/checkpoint.bin")).hasBinaryContent(new byte[] {1, 2, (byte) 3000});

        // once softmax finishes, saving drops it from carry/
        run(sweep.resolve("runs/softmax-s0"), 50000, true);
        assertThat(carry("save", sweep, carried).out()).contains("softmax-s0: finished, dropped from");
        assertThat(soft).doesNotExist();
    }

    @Test
    void withAMilestoneCarriesTheLastMilestonesCheckpointOnly() throws Exception {
        Path sweep = tmp.resolve("sweep");
        Path hyla = sweep.resolve("runs/hyla-s0");
        run(hyla, 9375, false); // latest checkpoint at 9,375; kept ones below
        Files.write(hyla.resolve("checkpoints/step-3125.bin"), new byte[] {31});
        Files.write(hyla.resolve("checkpoints/step-6250.bin"), new byte[] {62});
        run(sweep.resolve("runs/soft-s0"), 3125, false); // no milestone yet
        Path carried = tmp.resolve("carry");
        Outcome saved = script("save", "--milestone", "6250", sweep.toString(), carried.toString());
        assertThat(saved.code()).as(saved.out()).isZero();
        assertThat(saved.out()).contains("hyla-s0: copied at step 6250", "soft-s0: no checkpoint at a multiple of 6250 yet, not carried");
        assertThat(carried.resolve("runs/hyla-s0/checkpoint.bin")).hasBinaryContent(new byte[] {62});
        assertThat(carried.resolve("runs/soft-s0")).doesNotExist();
        // the same milestone again: nothing changes; a fresh machine gets the milestone back
        assertThat(script("save", "--milestone", "6250", sweep.toString(), carried.toString()).out())
                .contains("hyla-s0: kept (step 6250 here, step 6250 in");
        Path fresh = tmp.resolve("fresh");
        assertThat(carry("restore", carried, fresh).code()).isZero();
        assertThat(fresh.resolve("runs/hyla-s0/checkpoint.bin")).hasBinaryContent(new byte[] {62});
        Outcome bad = script("save", "--milestone", "soon", sweep.toString(), carried.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).startsWith("error: --milestone");
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
