package org.hyla4j.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyla4j.core.train.Checkpoint;
import org.hyla4j.runner.Main;
import org.hyla4j.runner.base.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run directory left damaged: the run resumes from its last intact checkpoint and ends where an undamaged run ends. */
class CheckpointRecoveryTest {

    private static String run(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args, new Console(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), false));
        assertThat(code).as(err.toString()).isZero();
        return err.toString();
    }

    @Test
    void aDamagedCheckpointIsSetAsideAndTheNewestIntactKeptCopyResumesTheRunToTheSameResult(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        run("train", "--task", "fuzzylogic", "--attention", "softmax_attention", "--steps", "6", "--batch", "4", "--eval-every", "6",
                "--checkpoint-every", "2", "--eval-examples", "16", "--threads", "1", "--out", dir.toString());
        ObjectMapper json = new ObjectMapper();
        var finished = json.readTree(dir.resolve("result.json").toFile()).get("metrics");
        Path kept = dir.resolve(RunService.KEPT);
        assertThat(Checkpoint.verify(dir.resolve(Checkpoint.FILE))).isEqualTo(6);
        assertThat(Checkpoint.verify(kept.resolve("step-2.bin"))).isEqualTo(2);
        // the run is cut back to "died after step 4, while the disk lost the tail of two files"
        Files.delete(dir.resolve("result.json"));
        Files.delete(kept.resolve("step-6.bin"));
        byte[] whole = Files.readAllBytes(dir.resolve(Checkpoint.FILE));
        Files.write(dir.resolve(Checkpoint.FILE), java.util.Arrays.copyOf(whole, whole.length / 2));
        byte[] four = Files.readAllBytes(kept.resolve("step-4.bin"));
        four[four.length / 2] ^= 0x5A;
        Files.write(kept.resolve("step-4.bin"), four);
        assertThat(Checkpoint.verify(dir.resolve(Checkpoint.FILE))).isEqualTo(-1);
        assertThat(Checkpoint.verify(kept.resolve("step-4.bin"))).isEqualTo(-1);
        String log = run("_run", "--dir", dir.toString());
        assertThat(log).contains("was damaged").contains("resuming from the kept checkpoint of step 2").contains("6 steps from step 2");
        assertThat(dir.resolve(Checkpoint.FILE + ".corrupt")).exists();
        assertThat(json.readTree(dir.resolve("result.json").toFile()).get("metrics")).isEqualTo(finished);
    }

    @Test
    void withNoIntactCopyTheRunStartsAgain(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        run("train", "--task", "fuzzylogic", "--attention", "linear_hypatt", "--steps", "4", "--batch", "4", "--eval-every", "4",
                "--eval-examples", "16", "--threads", "1", "--out", dir.toString());
        Files.delete(dir.resolve("result.json"));
        Files.writeString(dir.resolve(Checkpoint.FILE), "not a checkpoint");
        try (var s = Files.list(dir.resolve(RunService.KEPT))) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        String log = run("_run", "--dir", dir.toString());
        assertThat(log).contains("no intact kept copy exists; starting again").contains("4 steps from step 0");
        assertThat(dir.resolve("result.json")).exists();
    }
}
