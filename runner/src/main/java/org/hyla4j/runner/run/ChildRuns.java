package org.hyla4j.runner.run;

import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hyla4j.api.UsageException;
import org.hyla4j.api.train.TrainingInterruptedException;
import org.hyla4j.runner.Main;
import org.hyla4j.runner.cli.Console;
import org.hyla4j.runner.cli.Exits;
import org.hyla4j.runner.plugins.PluginDirectories;

/**
 * Trains runs of a comparison in child JVMs, several at a time. Processes rather than threads: DJL allows one
 * gradient collector per process (and zeroes every gradient of the process when one opens), so two runs
 * cannot train side by side in one JVM. A child is {@code hyla4j _run} on the same class path, JVM options
 * and plugins; it writes the run directory exactly as a run in this process would.
 */
public final class ChildRuns {

    /** The exit status of a child, with the last {@code error:} line it printed. */
    record Exit(int code, String error) {
    }

    private final Console console;
    private final PluginDirectories plugins;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopping = new AtomicBoolean();

    @Inject
    public ChildRuns(Console console, PluginDirectories plugins) {
        this.console = console;
        this.plugins = plugins;
    }

    /** Whether {@link #stopAll()} was called (by a failed sibling or by SIGINT/SIGTERM). */
    boolean stopping() {
        return stopping.get();
    }

    /** Asks every live child to stop at its next step; each saves a checkpoint and exits with 130. */
    void stopAll() {
        stopping.set(true);
        live.forEach(Process::destroy);
    }

    /** Waits (up to {@code seconds}) for every live child to exit. */
    void awaitAll(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (Process p : List.copyOf(live)) {
            p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** Trains one run in a child JVM and waits for it; its standard error is passed through line by line. */
    Exit train(Path configFile, String attention, long seed, Path dir) throws IOException, InterruptedException {
        if (stopping.get()) {
            return new Exit(Exits.INTERRUPTED, null);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-D") || a.startsWith("-Xm") || a.startsWith("-Xss") || a.startsWith("-XX:")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        for (Path p : plugins.explicit()) {
            cmd.addAll(List.of("--plugins", p.toString()));
        }
        cmd.addAll(List.of("_run", "--config", configFile.toString(), "--attention", attention, "--seed", Long.toString(seed), "--dir",
                dir.toString()));
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
    static RuntimeException failure(String attention, long seed, Exit exit) {
        String what = "[" + attention + " seed " + seed + "] ";
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
