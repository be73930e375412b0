package org.hyla4j.runner.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.hyla4j.runner.base.Exits;
import org.hyla4j.runner.base.Launch;

/**
 * One Spark task = one training run. The task starts {@code hyla4j _run --dir DIR} in a JVM of its own on the executor's
 * machine and waits for it: DJL allows one gradient collector per process and PyTorch's intra-op thread pool is per process, so
 * two runs cannot train side by side inside one executor JVM (docs/sweeps.md). The run's output is appended to
 * {@code DIR/train.log}. A failure is thrown (so that Spark retries the task, and the retry resumes from the run's last
 * checkpoint) unless it is a usage error, which no retry mends, or the last attempt: then the task returns it, so one failed
 * run does not abort the sweep.
 */
public final class SparkRunTask implements Function<String, String> {

    private static final long serialVersionUID = 1L;

    /** What a task returns for a run that finished. */
    static final String OK = "ok";
    /** The prefix of what a task returns for a run that failed for good. */
    static final String FAILED = "failed: ";
    /** The run's log in its directory. */
    static final String LOG = "train.log";
    /** Written when a run has failed for good (its last attempt failed, or a usage error); removed when it is tried again. */
    public static final String FAILED_MARK = "failed.txt";

    private final List<String> plugins;
    private final Map<String, String> properties;
    private final int maxFailures;
    private final long waitClaimSeconds;

    /**
     * @param plugins plugin directories, as every worker sees them
     * @param properties system properties for the training JVM (DJL and hyla4j settings of the driver)
     * @param maxFailures Spark's attempts per task: the last attempt returns its failure instead of throwing it
     * @param waitClaimSeconds how long a retry waits for the attempt it replaces to release the run directory
     */
    SparkRunTask(List<String> plugins, Map<String, String> properties, int maxFailures, long waitClaimSeconds) {
        this.plugins = List.copyOf(plugins);
        this.properties = Map.copyOf(properties);
        this.maxFailures = maxFailures;
        this.waitClaimSeconds = waitClaimSeconds;
    }

    @Override
    public String call(String dirName) throws Exception {
        TaskContext ctx = TaskContext.get();
        int attempt = ctx == null ? 0 : ctx.attemptNumber();
        boolean last = attempt + 1 >= maxFailures;
        try {
            return attempt(Path.of(dirName), attempt, last);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            if (last) { // the last attempt reports, so that one run's failure does not abort the others
                return FAILED + e;
            }
            throw e;
        }
    }

    private String attempt(Path dir, int attempt, boolean last) throws Exception {
        Path log = dir.resolve(LOG);
        append(log, String.format("== attempt %d of %d on %s, pid %d, %s ==%n", attempt + 1, maxFailures, host(), ProcessHandle.current().pid(),
                Instant.now()));
        List<String> options = new ArrayList<>();
        properties.forEach((k, v) -> options.add("-D" + k + "=" + v));
        List<String> cmd = Launch.runOne(Launch.java(), options, classPath(), plugins, dir, waitClaimSeconds);
        long logStart = Files.size(log);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        int code;
        try {
            code = p.waitFor();
        } catch (InterruptedException e) { // the task was killed (job cancelled, driver stopping): the run stops with a checkpoint
            p.destroy();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            Thread.currentThread().interrupt();
            throw e;
        }
        if (code == 0) {
            return OK;
        }
        String error = lastError(log, logStart);
        String what = "exited with status " + code + (error == null ? "" : ": " + error);
        if (code == Exits.BUSY) { // another live process trains this run: not ours to mark; retried while attempts remain
            if (last) {
                return FAILED + what;
            }
        } else if (code == Exits.USAGE || last) {
            Files.writeString(dir.resolve(FAILED_MARK), what + System.lineSeparator(), StandardCharsets.UTF_8);
            return FAILED + what;
        }
        throw new IllegalStateException("run " + dir + " " + what + " (attempt " + (attempt + 1) + " of " + maxFailures + "; Spark retries it)");
    }

    /**
     * The class path of the training JVM: the runner's shaded jar alone when this class came from one (on a cluster, the copy
     * the executor fetched), else this JVM's class path (a development build).
     */
    static String classPath() {
        try {
            Path source = Launch.codeSource();
            if (source != null && Files.isRegularFile(source)) {
                try (JarFile jar = new JarFile(source.toFile())) {
                    var manifest = jar.getManifest();
                    if (manifest != null && Launch.MAIN_CLASS.equals(manifest.getMainAttributes().getValue("Main-Class"))) {
                        return source.toString();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the JVM's class path
        }
        return System.getProperty("java.class.path");
    }

    /** The last {@code error:} line that this attempt wrote (the log from byte {@code from} on). */
    private static String lastError(Path log, long from) {
        try {
            byte[] all = Files.readAllBytes(log);
            List<String> lines = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), StandardCharsets.UTF_8)
                    .lines().toList();
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("error: ")) {
                    return lines.get(i).substring("error: ".length());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // no log to read
        }
        return null;
    }

    private static void append(Path log, String line) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
