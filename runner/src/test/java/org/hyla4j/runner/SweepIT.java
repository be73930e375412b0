package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hyla4j sweep} as a user runs it: the shaded jar with Spark's jars beside it (what ./hyla4j starts), on embedded
 * {@code local[2]} and on a standalone cluster that scripts/local-cluster.sh starts on 127.0.0.1, including the loss of a node.
 */
class SweepIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path sweepFile(Path dir, int steps, int checkpointEvery) throws IOException {
        return Files.writeString(dir.resolve("tiny.yaml"), String.format("""
                method: grid
                name: tiny
                parameters:
                  attention: {values: [softmax_attention, linear_hypatt]}
                  seed: {values: [0, 1]}
                  task: {value: fuzzylogic}
                  steps: {value: %d}
                  eval_every: {value: %d}
                  checkpoint_every: {value: %d}
                  eval_examples: {value: 128}
                  batch: {value: 16}
                """, steps, steps / 2, checkpointEvery));
    }

    /** A sweep of two tiny runs (softmax and HYLA, one seed). */
    private static Path twoRuns(Path dir, int steps) throws IOException {
        return Files.writeString(dir.resolve("two.yaml"), String.format("""
                method: grid
                parameters:
                  attention: {values: [softmax_attention, linear_hypatt]}
                  task: {value: fuzzylogic}
                  steps: {value: %d}
                  eval_examples: {value: 64}
                  batch: {value: 8}
                """, steps));
    }

    /** {@code java -DDJL_CACHE_DIR=... -cp CLASSPATH}: a JVM that finds the engine where the build put it. */
    private static List<String> java(String classPath) {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-DDJL_CACHE_DIR=" + System.getProperty("DJL_CACHE_DIR", System.getProperty("user.home") + "/.djl.ai"), "-cp", classPath));
    }

    /** The launcher's class path: the shaded jar, then Spark's jars. */
    private static Process start(Path log, String... args) throws IOException {
        Path jar = ShadedJarIT.jar();
        List<String> cmd = java(jar + java.io.File.pathSeparator + jar.resolveSibling("spark-jars") + "/*");
        cmd.add("org.hyla4j.runner.Main");
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String run(Path log, String... args) throws Exception {
        Process p = start(log, args);
        assertThat(p.waitFor(8, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static List<Path> runDirs(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            return s.sorted().toList();
        }
    }

    private static JsonNode metrics(Path runDir) throws IOException {
        return JSON.readTree(runDir.resolve("result.json").toFile()).get("metrics");
    }

    @Test
    void aLocalSweepTrainsEveryRunOnceAndSubmittedAgainTrainsNothing(@TempDir Path tmp) throws Exception {
        Path file = sweepFile(tmp, 40, 20);
        Path out = tmp.resolve("out");
        String first = run(tmp.resolve("first.log"), "sweep", file.toString(), "--master", "local[2]", "--out", out.toString(),
                "--progress-every", "2");
        assertThat(first).contains("spark: master local[2,4], 4 run(s)").contains("sweep tiny: 4 of 4 runs finished, 0 failed");
        assertThat(runDirs(out)).hasSize(4).allSatisfy(d -> assertThat(d.resolve("result.json")).exists());
        List<String> csv = Files.readAllLines(out.resolve("report.csv"));
        assertThat(csv).hasSize(5).allMatch(l -> l.startsWith("run,") || l.contains(",finished,40,"));
        assertThat(Files.readString(out.resolve("report.md"))).contains("| all | linear_hypatt | 2 |", "Paired differences against softmax_attention");
        long stamp = Files.getLastModifiedTime(runDirs(out).get(0).resolve("result.json")).toMillis();
        String again = run(tmp.resolve("again.log"), "sweep", file.toString(), "--out", out.toString());
        assertThat(again).contains("sweep tiny: all 4 runs finished earlier; nothing to train").doesNotContain("spark: master");
        assertThat(Files.getLastModifiedTime(runDirs(out).get(0).resolve("result.json")).toMillis()).isEqualTo(stamp);
    }

    @Test
    void aComparisonRunsOnSparkWhenAskedAndFindsTheSameRunsInProcess(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("compare");
        String[] args = {"compare", "--task", "fuzzylogic", "--attention", "softmax_attention,linear_hypatt", "--seeds", "0", "--steps", "6",
            "--batch", "8", "--eval-examples", "64", "--threads", "1", "--out", out.toString()};
        String spark = run(tmp.resolve("spark.log"), append(args, "--master", "local[2]"));
        assertThat(spark).contains("spark: master local[2,4], 2 run(s)", "# Sweep compare\n", "HYLA − softmax on `test/r2`");
        assertThat(runDirs(out)).hasSize(2).allSatisfy(d -> assertThat(d.resolve("result.json")).exists());
        // the same command without --master plans the same runs: nothing is left to train in this JVM
        assertThat(run(tmp.resolve("again.log"), args)).contains("all 2 runs finished earlier; nothing to train");
    }

    private static String[] append(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void aSweepStoppedByASignalSaysHowToResumeAndItsRunsKeepACheckpoint(@TempDir Path tmp) throws Exception {
        Path file = twoRuns(tmp, 1_000_000);
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("stop.log");
        Process p = start(log, "sweep", file.toString(), "--master", "local[2]", "--out", out.toString());
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (!bothTraining(out) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(bothTraining(out)).as(Files.readString(log)).isTrue();
            p.destroy(); // SIGTERM, as a scheduler or `kill` sends it
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        String text = Files.readString(log);
        assertThat(text).contains("stopped: sweep stopped on request; the runs in progress saved their checkpoints, submit the same sweep to resume")
                .doesNotContain("error:");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // the training JVMs save as they stop
        while (!runDirs(out).stream().allMatch(d -> Files.exists(d.resolve("checkpoint.bin"))) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(runDirs(out)).hasSize(2).allSatisfy(d -> assertThat(d.resolve("checkpoint.bin")).exists());
    }

    /** Whether both runs of {@link #twoRuns} have logged a training step. */
    private static boolean bothTraining(Path out) throws IOException {
        if (!Files.isDirectory(out.resolve("runs"))) {
            return false;
        }
        List<Path> dirs = runDirs(out);
        if (dirs.size() != 2) {
            return false;
        }
        for (Path d : dirs) {
            Path m = d.resolve("metrics.jsonl");
            if (!Files.exists(m) || !Files.readString(m).contains("\"type\":\"train\"")) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theShadedJarRunsUnderSparkSubmitWithSparksClassPathFirst(@TempDir Path tmp) throws Exception {
        // what bin/spark-submit does: SparkSubmit on Spark's class path, the shaded jar as the application
        Path file = twoRuns(tmp, 10);
        Path jar = ShadedJarIT.jar();
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("submit.log");
        List<String> cmd = java(jar.resolveSibling("spark-jars") + "/*");
        cmd.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--class",
                "org.hyla4j.runner.Main", jar.toString(), "sweep", file.toString(), "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(8, TimeUnit.MINUTES)).isTrue();
        String text = Files.readString(log);
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("spark: master local[2,4], 2 run(s)").contains("2 of 2 runs finished, 0 failed");
        assertThat(runDirs(out)).hasSize(2).allSatisfy(d -> assertThat(d.resolve("result.json")).exists());
    }

    /** Starts the script's cluster, runs {@code body} with its master URL, and always stops it. */
    private static void withCluster(Path state, int workers, ClusterBody body) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("..", "scripts", "local-cluster.sh").toString(), "start", Integer.toString(workers));
        pb.environment().putAll(Map.of("HYLA4J_CLUSTER_DIR", state.toString(), "HYLA4J_CLUSTER_TTL", "900", "WORKER_CORES", "1"));
        Path startLog = state.resolveSibling("cluster-start.log");
        Process p = pb.redirectError(startLog.toFile()).start();
        String url = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        try {
            assertThat(p.exitValue()).as(Files.readString(startLog)).isZero();
            assertThat(url).matches("spark://127\\.0\\.0\\.1:\\d+");
            body.run(url, state);
        } finally {
            ProcessBuilder stop = new ProcessBuilder("bash", Path.of("..", "scripts", "local-cluster.sh").toString(), "stop");
            stop.environment().put("HYLA4J_CLUSTER_DIR", state.toString());
            assertThat(stop.inheritIO().start().waitFor(2, TimeUnit.MINUTES)).isTrue();
            for (String pidFile : List.of("master.pid", "worker-1.pid", "worker-2.pid", "ttl.pid")) {
                assertThat(state.resolve("pids").resolve(pidFile)).doesNotExist();
            }
        }
    }

    @FunctionalInterface
    interface ClusterBody {
        void run(String url, Path state) throws Exception;
    }

    @Test
    void aStandaloneClusterStartedByTheScriptRunsASweep(@TempDir Path tmp) throws Exception {
        Path file = twoRuns(tmp, 20);
        withCluster(tmp.resolve("cluster"), 2, (url, state) -> {
            Path out = tmp.resolve("out");
            String log = run(tmp.resolve("sweep.log"), "sweep", file.toString(), "--master", url, "--out", out.toString());
            assertThat(log).contains("spark: master " + url).contains("2 of 2 runs finished, 0 failed");
            for (Path d : runDirs(out)) {
                // trained by an executor JVM that a Worker launched, not by the driver
                String trainLog = Files.readString(d.resolve("train.log"));
                Matcher m = Pattern.compile("== attempt 1 of 4 on .*, pid (\\d+),").matcher(trainLog);
                assertThat(m.find()).as(trainLog).isTrue();
                assertThat(Long.parseLong(m.group(1))).isNotEqualTo(ProcessHandle.current().pid());
                assertThat(d.resolve("result.json")).exists();
            }
        });
    }

    @Test
    void aLostNodeIsSurvivedAndItsRunResumesFromItsCheckpointToTheSameResult(@TempDir Path tmp) throws Exception {
        Path file = sweepFile(tmp, 300, 25);
        Path ref = tmp.resolve("reference");
        run(tmp.resolve("reference.log"), "sweep", file.toString(), "--master", "local[2]", "--out", ref.toString());
        withCluster(tmp.resolve("cluster"), 2, (url, state) -> {
            Path out = tmp.resolve("out");
            Path log = tmp.resolve("sweep.log");
            Process sweep = start(log, "sweep", file.toString(), "--master", url, "--out", out.toString(), "--progress-every", "2");
            // wait until some run is past its first checkpoint, then lose its node: SIGKILL its executor and that executor's Worker
            Path victim = null;
            long executor = -1;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (victim == null && System.nanoTime() < deadline && sweep.isAlive()) {
                Thread.sleep(200);
                if (!Files.isDirectory(out.resolve("runs"))) {
                    continue;
                }
                for (Path d : runDirs(out)) {
                    Path kept = d.resolve("checkpoints");
                    if (Files.isDirectory(kept) && !d.resolve("result.json").toFile().exists()) {
                        try (Stream<Path> s = Files.list(kept)) {
                            if (s.findAny().isPresent()) {
                                Matcher m = Pattern.compile("pid (\\d+),").matcher(Files.readString(d.resolve("train.log")));
                                if (m.find()) {
                                    victim = d;
                                    executor = Long.parseLong(m.group(1));
                                    break;
                                }
                            }
                        }
                    }
                }
            }
            assertThat(victim).as(Files.readString(log)).isNotNull();
            ProcessHandle exec = ProcessHandle.of(executor).orElseThrow();
            ProcessHandle worker = exec.parent().orElseThrow();
            assertThat(worker.info().commandLine().orElse("")).contains("org.apache.spark.deploy.worker.Worker");
            exec.destroyForcibly();
            worker.destroyForcibly();
            assertThat(sweep.waitFor(6, TimeUnit.MINUTES)).isTrue();
            String sweepLog = Files.readString(log);
            assertThat(sweep.exitValue()).as(sweepLog).isZero();
            assertThat(sweepLog).contains("4 of 4 runs finished, 0 failed");
            // each run exactly once in the report
            List<String> csv = Files.readAllLines(out.resolve("report.csv"));
            assertThat(csv.subList(1, csv.size())).hasSize(4).allMatch(l -> l.contains(",finished,300,"));
            assertThat(csv.stream().map(l -> l.split(",")[0]).distinct().count()).isEqualTo(5);
            // the killed run was retried and resumed from a step > 0
            String trainLog = Files.readString(victim.resolve("train.log"));
            assertThat(trainLog).contains("== attempt 2 of 4");
            Matcher resumed = Pattern.compile("300 steps from step (\\d+)").matcher(trainLog.substring(trainLog.indexOf("== attempt 2")));
            assertThat(resumed.find()).as(trainLog).isTrue();
            assertThat(Long.parseLong(resumed.group(1))).isPositive();
            // and finished with exactly the metrics of the uninterrupted run of the same configuration
            assertThat(metrics(victim)).isEqualTo(metrics(ref.resolve("runs").resolve(victim.getFileName())));
            for (Path d : runDirs(out)) {
                assertThat(metrics(d)).as(d.toString()).isEqualTo(metrics(ref.resolve("runs").resolve(d.getFileName())));
            }
        });
    }
}
