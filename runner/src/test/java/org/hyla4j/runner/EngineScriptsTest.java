package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/build-engine, scripts/device-bundle and scripts/run-gpu.sh on bad input: one error line and exit 2 before
 * anything is built (their real work, a compile against a libtorch, is rehearsed by hand: docs/engine.md).
 */
class EngineScriptsTest {

    private static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();

    private record Outcome(int code, String out) {
    }

    private static Outcome run(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), out);
    }

    @Test
    void buildEngineRefusesWhatIsNotALibtorchOrNotDjlWithOneLine(@TempDir Path tmp) throws Exception {
        Outcome usage = run("build-engine");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.out().strip()).startsWith("error: usage: scripts/build-engine LIBTORCH_DIR");
        Path notTorch = Files.createDirectories(tmp.resolve("not-torch"));
        Outcome torch = run("build-engine", notTorch.toString(), tmp.toString());
        assertThat(torch.code()).isEqualTo(2);
        assertThat(torch.out().strip()).isEqualTo("error: " + notTorch + " is not a libtorch: it needs lib/libtorch.so, include/ and "
                + "share/cmake/Torch (a torch wheel's torch/ folder or an unzipped libtorch)");
        Path fakeTorch = tmp.resolve("torch");
        Files.createDirectories(fakeTorch.resolve("lib"));
        Files.createDirectories(fakeTorch.resolve("include"));
        Files.createDirectories(fakeTorch.resolve("share/cmake/Torch"));
        Files.writeString(fakeTorch.resolve("lib/libtorch.so"), "");
        Outcome djl = run("build-engine", fakeTorch.toString(), notTorch.toString());
        assertThat(djl.code()).isEqualTo(2);
        assertThat(djl.out().strip()).isEqualTo("error: " + notTorch + " is not a checkout of deepjavalibrary/djl (no engines/pytorch/pytorch-native)");
        Outcome missing = run("build-engine", tmp.resolve("nope").toString());
        assertThat(missing.out().strip()).isEqualTo("error: no directory " + tmp.resolve("nope"));
    }

    @Test
    void buildEngineRefusesADjlCheckoutOfAnotherVersion(@TempDir Path tmp) throws Exception {
        Path torch = tmp.resolve("torch");
        for (String d : List.of("lib", "include", "share/cmake/Torch")) {
            Files.createDirectories(torch.resolve(d));
        }
        Files.writeString(torch.resolve("lib/libtorch.so"), "");
        Path djl = tmp.resolve("djl");
        Files.createDirectories(djl.resolve("engines/pytorch/pytorch-native"));
        Files.createDirectories(djl.resolve("api/src/main/native"));
        Files.createDirectories(djl.resolve("gradle"));
        Files.writeString(djl.resolve("engines/pytorch/pytorch-native/CMakeLists.txt"), "");
        Files.writeString(djl.resolve("gradle/libs.versions.toml"), "[versions]\ndjl = \"0.31.0\"\n");
        Outcome other = run("build-engine", torch.toString(), djl.toString());
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.out().strip()).startsWith("error: " + djl + " is DJL 0.31.0; hyla4j uses DJL 0.35.1");
    }

    @Test
    void deviceBundleAndRunGpuRefuseBadArguments(@TempDir Path tmp) throws Exception {
        Outcome bundle = run("device-bundle", tmp.resolve("out").toString(), tmp.resolve("nope").toString());
        assertThat(bundle.code()).isEqualTo(2);
        assertThat(bundle.out().strip()).isEqualTo("error: no directory " + tmp.resolve("nope"));
        Outcome device = run("run-gpu.sh", "--device", "tpu");
        assertThat(device.code()).isEqualTo(2);
        assertThat(device.out().strip()).isEqualTo("error: --device must be gpu or cpu");
        Outcome phase = run("run-gpu.sh", "--phase", "everything");
        assertThat(phase.out().strip()).isEqualTo("error: --phase must be all, engine, test, bench or train");
        assertThat(run("run-gpu.sh", "--help").out()).contains("--train-seconds");
    }
}
