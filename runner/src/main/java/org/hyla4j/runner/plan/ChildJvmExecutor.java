package org.hyla4j.runner.plan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.core.train.TrainingInterruptedException;
import org.hyla4j.runner.base.Console;
import org.hyla4j.runner.base.Exits;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.base.Launch;
import org.hyla4j.runner.plugins.PluginDirectories;
import org.hyla4j.runner.run.Interrupts;
import org.hyla4j.runner.run.RunService;

/**
 * Trains a plan's runs in child JVMs, several at a time. Processes rather than threads: DJL allows one gradient collector per
 * process (and zeroes every gradient of the process when one opens), so two runs cannot train side by side in one JVM. A child
 * is {@code hyla4j _run --dir DIR} on the same class path, JVM options and plugins; it trains the configuration in the
 * directory exactly as a run in this process would. A single run of these small models hardly speeds up past one or two
 * intra-op threads, so on many cores runs side by side use them far better (on 2 cores: 0-10 %, docs/performance.md).
 */
public final class ChildJvmExecutor extends RunExecutor {

    /** The exit status of a child, with the last {@code error:} line it printed. */
    record Exit(int code, String error) {
    }

    private final PluginDirectories plugins;
    private final int jobs;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopping = new AtomicBoolean();

    public ChildJvmExecutor(Console console, PluginDirectories plugins, int jobs) {
        super(console);
        this.plugins = plugins;
        this.jobs = jobs;
    }

    @Override
    protected void train(List<PlannedRun> pending) {
        console.err().printf("jobs: %d, each run in its own JVM%n", jobs);
        AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, pending.size()), r -> {
            Thread t = new Thread(r, "hyla4j-job");
            t.setDaemon(true);
            return t;
        });
        try (Interrupts hook = Interrupts.onShutdown(this::stopAndAwait)) {
            List<Future<?>> futures = new ArrayList<>();
            for (PlannedRun run : pending) {
                futures.add(pool.submit(() -> {
                    Exit exit = trainChild(run);
                    // the first non-zero exit is the one to report (later ones are the siblings it stopped)
                    if (exit.code() != 0 && firstFailure.compareAndSet(null, failure(run, exit))) {
                        stopAll();
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    firstFailure.compareAndSet(null, new IllegalStateException(e.getCause().getMessage(), e.getCause()));
                    stopAll();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopAll();
                    throw new IllegalStateException("interrupted while waiting for runs", e);
                }
            }
        } finally {
            pool.shutdown();
        }
        if (firstFailure.get() != null) {
            throw firstFailure.get();
        }
    }

    /** Asks every live child to stop at its next step; each saves a checkpoint and exits with 130. */
    private void stopAll() {
        stopping.set(true);
        live.forEach(Process::destroy);
    }

    /** On SIGINT/SIGTERM: stops the children and waits (up to two minutes) until they have saved their checkpoints. */
    private void stopAndAwait() {
        stopAll();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try {
            for (Process p : List.copyOf(live)) {
                p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Exit trainChild(PlannedRun run) {
        try {
            return trainIn(run);
        } catch (IOException e) {
            return new Exit(1, "cannot start a training process: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exit(Exits.INTERRUPTED, null);
        }
    }

    /** Trains one run in a child JVM and waits for it; its standard error is passed through line by line. */
    private Exit trainIn(PlannedRun run) throws IOException, InterruptedException {
        if (stopping.get()) {
            return new Exit(Exits.INTERRUPTED, null);
        }
        Json.write(RunService.prepare(run.dir()).resolve(RunService.CONFIG), run.config());
        List<String> cmd = Launch.runOne(Launch.java(), Launch.jvmOptions(), System.getProperty("java.class.path"),
                plugins.explicit().stream().map(Path::toString).toList(), run.dir(), 0);
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        live.add(p);
        if (stopping.get()) {
            p.destroy();
        }
        String error = null;
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                if (line.startsWith("error: ")) {
                    error = line.substring("error: ".length());
                } else if (!line.startsWith("stopped: ")) {
                    console.err().println(line);
                }
            }
            return new Exit(p.waitFor(), error);
        } finally {
            live.remove(p);
        }
    }

    /** The exception that reports a child's non-zero exit to the user. */
    static RuntimeException failure(PlannedRun run, Exit exit) {
        String what = "[" + run.label() + "] ";
        if (exit.code() == Exits.USAGE) {
            return new UsageException(what + (exit.error() == null ? "bad input" : exit.error()));
        }
        if (exit.code() == Exits.INTERRUPTED) {
            return new Stopped(what + "stopped after saving a checkpoint; rerun the same command to resume");
        }
        return new IllegalStateException(what + (exit.error() == null ? "training process exited with status " + exit.code() : exit.error())
                + "; the other runs stopped with a checkpoint, rerun the same command to resume");
    }

    /** Runs stopped on request (SIGINT/SIGTERM) with their checkpoints saved. */
    static final class Stopped extends TrainingInterruptedException {
        private static final long serialVersionUID = 1L;

        Stopped(String message) {
            super(message, -1);
        }
    }
}
