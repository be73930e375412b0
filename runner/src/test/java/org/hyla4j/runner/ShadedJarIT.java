package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged, shaded runner jar as a user would (failsafe, after {@code package}). */
class ShadedJarIT {

    static Path jar() {
        return Path.of(System.getProperty("hyla4j.shadedJar"));
    }

    static Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar().toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static int run(Path log, String... args) throws Exception {
        Process p = start(log, args);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return p.exitValue();
    }

    @Test
    void theShadedJarKeepsEveryPluginsServiceEntry(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("list.txt");
        assertThat(run(log, "list")).isZero();
        String out = Files.readString(log);
        assertThat(out).contains(CliTest.VARIANTS).contains("fuzzylogic", "sraven").contains(jar().getFileName().toString());
    }

    @Test
    void sigtermSavesACheckpointAndTheRunResumes(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Path log = tmp.resolve("train.txt");
        Process p = start(log, "train", "--task", "fuzzylogic", "--attention", "softmax_attention", "--steps", "400", "--batch", "8",
                "--eval-every", "400", "--eval-examples", "64", "--threads", "1", "--out", dir.toString());
        Path metrics = dir.resolve("metrics.jsonl");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && (!Files.exists(metrics) || Files.readAllLines(metrics).size() < 3)) {
            Thread.sleep(100);
        }
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isNotZero();
        assertThat(dir.resolve("checkpoint.bin")).exists();
        assertThat(dir.resolve("result.json")).doesNotExist();
        List<String> before = Files.readAllLines(metrics, StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        for (String line : before) {
            json.readTree(line); // every line written so far is intact
        }
        assertThat(run(tmp.resolve("resume.txt"), "train", "--resume", dir.toString())).as(Files.readString(tmp.resolve("resume.txt"))).isZero();
        assertThat(dir.resolve("result.json")).exists();
        long last = -1;
        for (String line : Files.readAllLines(metrics)) {
            var n = json.readTree(line);
            if (n.get("type").asText().equals("train")) {
                assertThat(n.get("step").asLong()).isGreaterThan(last);
                last = n.get("step").asLong();
            }
        }
        assertThat(last).isEqualTo(400);
        // the wall time spans both segments, and the provenance keeps the first segment and lists the second
        double lastWall = 0;
        for (String line : Files.readAllLines(metrics)) {
            double w = json.readTree(line).get("wall_s").asDouble();
            assertThat(w).isGreaterThanOrEqualTo(lastWall);
            lastWall = w;
        }
        assertThat(json.readTree(dir.resolve("result.json").toFile()).get("wallSeconds").asDouble()).isGreaterThanOrEqualTo(lastWall);
        var provenance = json.readTree(dir.resolve("provenance.json").toFile());
        assertThat(provenance.get("resumed")).hasSize(1);
        assertThat(provenance.get("started").asText()).isLessThan(provenance.get("resumed").get(0).get("started").asText());
    }
}
