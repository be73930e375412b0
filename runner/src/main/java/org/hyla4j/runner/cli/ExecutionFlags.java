package org.hyla4j.runner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.base.Console;
import org.hyla4j.runner.base.Exits;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import org.hyla4j.runner.plan.LegacyRunDirs;
import org.hyla4j.runner.plan.RunExecutor;
import org.hyla4j.runner.plan.RunExecutors;
import org.hyla4j.runner.plan.SparkExecutor;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.run.RunService;
import org.hyla4j.runner.sweep.Sweep;
import org.hyla4j.runner.sweep.SweepService;
import picocli.CommandLine.Option;

/**
 * How a comparison executes: {@code --jobs} (runs at the same time, and the intra-op threads each gets), {@code --master} (as
 * Spark tasks, like a sweep) and {@code --report-only}; and how it ends (the report printed, failures counted).
 */
public final class ExecutionFlags {

    @Option(names = "--jobs", paramLabel = "N",
            description = "Runs trained at the same time, each in its own JVM on cores/N intra-op threads (default 1). A single "
                    + "run of these small models hardly speeds up past 1-2 threads, so on many cores N > 1 pays; on 2 cores "
                    + "2 jobs measured 1.0-1.1x.")
    Integer jobs;

    @Option(names = "--master", paramLabel = "URL",
            description = "Train the runs as Spark tasks, as `hyla4j sweep` does: local[N], spark://HOST:PORT, yarn, k8s://... "
                    + "(instead of this JVM or --jobs child JVMs), one intra-op thread each unless --threads says otherwise. Run "
                    + "directories must be on storage every worker sees.")
    String master;

    @Option(names = "--report-only", description = "Train nothing: write the report over the runs that have finished (the others "
            + "are listed as in progress or not started).")
    boolean reportOnly;

    /**
     * Trains every unfinished run of {@code sweep} ({@code jobs} at a time: in this JVM for one, child JVMs for more) and writes
     * its report into {@code dir}, the same report a sweep file gets; with {@code --report-only}, only the report. Runs that an
     * earlier version of the command left in its {@code runs/VARIANT/seed-S} layout are taken over first ({@link LegacyRunDirs}).
     */
    SweepService.Outcome execute(SweepService sweeps, RunExecutors executors, Sweep sweep, Path dir, int jobs, Catalog catalog, PrintWriter log) {
        LegacyRunDirs.adopt(sweep.plan(), dir, catalog).forEach(m -> log.println("taken over from the earlier layout: " + m));
        if (reportOnly) {
            UsageException.check(sweep.points().stream().anyMatch(p -> RunService.finished(p.run().dir()) != null),
                    "no run in %s has finished yet; rerun the command without --report-only to train them", dir);
            return sweeps.reportOnly(sweep, dir);
        }
        RunExecutor executor = master == null ? executors.forJobs(jobs)
                : executors.onSpark(master, sweep.points().get(0).run().config().threads(), Integer.parseInt(SparkExecutor.DEFAULT_MAX_FAILURES),
                        false, Map.of());
        return sweeps.run(sweep, dir, executor, null, Duration.ofSeconds(30));
    }

    /** Prints where the report is and the report itself; exits non-zero when a run failed, saying how to retry. */
    static int finish(Console console, Path dir, SweepService.Outcome o) {
        console.out().println("report: " + dir.resolve("report.md"));
        try {
            console.out().println(Files.readString(dir.resolve("report.md")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!o.failures().isEmpty()) {
            console.err().printf("error: %d run(s) failed (listed in the report); rerun the command to retry them%n", o.failures().size());
            return Exits.FAILURE;
        }
        return Exits.OK;
    }

    /**
     * The number of concurrent runs for {@code runCount} runs, and (unless {@code --threads} was given) sets
     * each run's intra-op threads to an equal share of the cores.
     */
    int resolve(RunSettings s, int runCount) {
        int cores = Runtime.getRuntime().availableProcessors();
        UsageException.check(jobs == null || jobs > 0, "--jobs must be positive, got %d", jobs);
        UsageException.check(jobs == null || master == null, "--jobs and --master exclude each other: on Spark, the master's task slots "
                + "decide how many runs train at once");
        if (master != null && s.threads() == null) {
            s.threads(1); // as a sweep: these small models use cores better side by side, one task slot each
        }
        int n = Math.max(1, Math.min(jobs == null ? 1 : jobs, runCount));
        if (n > 1 && s.threads() == null) {
            s.threads(Math.max(1, cores / n));
        }
        return n;
    }
}
