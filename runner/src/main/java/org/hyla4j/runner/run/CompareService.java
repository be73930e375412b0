package org.hyla4j.runner.run;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.hyla4j.api.UsageException;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.api.train.Checkpoint;
import org.hyla4j.api.train.StopSignal;
import org.hyla4j.runner.cli.Console;
import org.hyla4j.runner.latent.LatentSection;
import org.hyla4j.runner.latent.LatentService;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.report.CompareReport;

/**
 * A paired comparison in one directory: every (seed, variant) run on the same batches, reusing finished
 * runs and resuming interrupted ones, then the report (and, when asked, the latent-code section).
 */
public final class CompareService {

    private final Catalog catalog;
    private final RunService runs;
    private final LatentService latentService;
    private final Console console;
    private final ChildRuns children;

    @Inject
    public CompareService(Catalog catalog, RunService runs, LatentService latentService, Console console, ChildRuns children) {
        this.children = children;
        this.catalog = catalog;
        this.runs = runs;
        this.latentService = latentService;
        this.console = console;
    }

    /**
     * What a comparison produced.
     *
     * @param report the report over all runs
     * @param headline metric key of the paper's "OOD" number
     * @param inDistribution metric key of the in-distribution number
     */
    public record Outcome(CompareReport report, String headline, String inDistribution) {
    }

    /** Runs (or reuses) every run of {@code config} under {@code out}, one at a time, and writes the report there. */
    public Outcome compare(RunConfig config, Path out, boolean latent) {
        return compare(config, out, latent, 1);
    }

    /**
     * Runs (or reuses) every run of {@code config} under {@code out}, {@code jobs} at a time (seed-major order,
     * so the first seeds of every variant finish first), and writes the report there. If one run fails, the
     * others are stopped with a checkpoint, so rerunning resumes all of them.
     */
    public Outcome compare(RunConfig config, Path out, boolean latent, int jobs) {
        return compare(config, out, latent, jobs, false);
    }

    /**
     * As {@link #compare(RunConfig, Path, boolean, int)}; with {@code reportOnly}, trains nothing and writes an
     * interim report over the seeds whose runs have all finished, naming the runs still missing (or, when every run
     * has finished, the final report).
     */
    public Outcome compare(RunConfig config, Path out, boolean latent, int jobs, boolean reportOnly) {
        if (reportOnly) {
            return interim(config, out, latent);
        }
        UsageException.check(jobs > 0, "--jobs must be positive, got %d", jobs);
        RunService.prepare(out);
        Path saved = out.resolve("config.json");
        if (Files.exists(saved)) {
            UsageException.check(RunConfig.read(saved).sameExperimentAs(config),
                    "%s holds a comparison with another configuration; choose another --out or delete it", out);
        }
        Json.write(saved, config);
        console.err().println("config: " + Json.LINE.valueToTree(config) + (jobs > 1 ? " jobs: " + jobs : ""));
        List<CompareReport.Run> done = jobs == 1 ? sequential(config, out) : concurrent(config, out, jobs);
        return report(config, out, latent, done);
    }

    private Outcome interim(RunConfig config, Path out, boolean latent) {
        Path saved = out.resolve("config.json");
        UsageException.check(Files.isRegularFile(saved), "no comparison in %s yet: no config.json", out);
        UsageException.check(RunConfig.read(saved).sameExperimentAs(config),
                "%s holds a comparison with another configuration", out);
        List<Long> complete = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<CompareReport.Run> done = new ArrayList<>();
        for (long seed : config.seeds()) {
            List<CompareReport.Run> seedRuns = new ArrayList<>();
            for (String a : config.attention()) {
                RunResult r = RunService.finished(runDir(out, a, seed));
                if (r == null) {
                    missing.add(a + " seed " + seed);
                } else {
                    seedRuns.add(new CompareReport.Run(r, log(runDir(out, a, seed))));
                }
            }
            if (seedRuns.size() == config.attention().size()) {
                complete.add(seed);
                done.addAll(seedRuns);
            }
        }
        UsageException.check(!complete.isEmpty(), "no seed in %s has finished for every variant yet (missing: %s)", out,
                String.join(", ", missing));
        if (missing.isEmpty()) {
            return report(config, out, latent, done); // everything has finished: the final report, no notice
        }
        RunSettings s = config.settings();
        s.seeds = complete;
        RunConfig partial = RunConfig.resolve(s, catalog);
        Outcome o = report(partial, out, latent, done);
        String notice = String.format("> **Interim report** over seed(s) %s of %s: the runs %s have not finished yet. "
                + "Rerun the command without --report-only to finish them.%n%n", complete, config.seeds(), String.join(", ", missing));
        try {
            Path report = out.resolve("report.md");
            Files.writeString(report, notice + Files.readString(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve("report.md") + ": " + e.getMessage(), e);
        }
        return o;
    }

    private Outcome report(RunConfig config, Path out, boolean latent, List<CompareReport.Run> done) {
        TaskInstance t = config.taskInstance(catalog, config.seeds().get(0));
        String metric = t.headlineMetric();
        Outcome outcome = new Outcome(new CompareReport(config, t.headlineSplit() + "/" + metric, t.inDistributionSplit() + "/" + metric,
                done), t.headlineSplit() + "/" + metric, t.inDistributionSplit() + "/" + metric);
        outcome.report().write(out);
        if (latent) {
            List<LatentService.Result> codes = new ArrayList<>();
            for (long seed : config.seeds()) {
                for (String a : config.attention()) {
                    console.err().printf("[%s seed %d] latent code%n", a, seed);
                    codes.add(latentService.analyse(runDir(out, a, seed), 1000, 500));
                }
            }
            append(out.resolve("report.md"), LatentSection.markdown(codes));
        }
        return outcome;
    }

    /** The result of a run that finished earlier (saying it is reused), or null if it has not finished. */
    private RunResult reused(Path out, String a, long seed) {
        Path dir = runDir(out, a, seed);
        RunResult r = RunService.finished(dir);
        if (r != null) {
            console.err().printf("[%s seed %d] finished earlier, reusing %s%n", a, seed, dir);
        }
        return r;
    }

    private RunResult runOrReuse(RunConfig config, Path out, String a, long seed, StopSignal stop, boolean bars) {
        RunResult r = reused(out, a, seed);
        if (r != null) {
            return r;
        }
        Path dir = runDir(out, a, seed);
        return runs.train(config, a, seed, dir, Files.exists(dir.resolve(Checkpoint.FILE)), stop, bars);
    }

    private List<CompareReport.Run> sequential(RunConfig config, Path out) {
        List<CompareReport.Run> done = new ArrayList<>();
        for (long seed : config.seeds()) {
            for (String a : config.attention()) {
                RunResult r = runOrReuse(config, out, a, seed, new StopSignal(), console.interactive());
                done.add(new CompareReport.Run(r, log(runDir(out, a, seed))));
            }
        }
        return done;
    }

    /**
     * Several runs at once, each in a child JVM (see {@link ChildRuns}). A single run of these small models
     * hardly speeds up past one or two intra-op threads, so on a machine with many cores runs side by side
     * use it far better (on 2 cores: 0-10 %, docs/performance.md). Finished runs are reused; the rest start
     * (or resume) in seed-major order.
     */
    private List<CompareReport.Run> concurrent(RunConfig config, Path out, int jobs) {
        Path configFile = out.resolve("config.json");
        AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "hyla4j-job");
            t.setDaemon(true);
            return t;
        });
        Thread hook = new Thread(() -> {
            children.stopAll();
            try {
                children.awaitAll(120);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hyla4j-stop-children");
        Runtime.getRuntime().addShutdownHook(hook);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (long seed : config.seeds()) {
                for (String a : config.attention()) {
                    if (reused(out, a, seed) != null) {
                        continue;
                    }
                    Path dir = runDir(out, a, seed);
                    futures.add(pool.submit(() -> {
                        ChildRuns.Exit exit;
                        try {
                            exit = children.train(configFile, a, seed, dir);
                        } catch (IOException e) {
                            exit = new ChildRuns.Exit(1, "cannot start a training process: " + e.getMessage());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            exit = new ChildRuns.Exit(org.hyla4j.runner.cli.Exits.INTERRUPTED, null);
                        }
                        // the first non-zero exit is the one to report (later ones are the siblings it stopped)
                        if (exit.code() != 0 && firstFailure.compareAndSet(null, ChildRuns.failure(a, seed, exit))) {
                            children.stopAll();
                        }
                    }));
                }
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    firstFailure.compareAndSet(null, new IllegalStateException(e.getCause().getMessage(), e.getCause()));
                    children.stopAll();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    children.stopAll();
                    throw new IllegalStateException("interrupted while waiting for runs", e);
                }
            }
        } finally {
            pool.shutdown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is stopping the children
            }
        }
        if (firstFailure.get() != null) {
            throw firstFailure.get();
        }
        List<CompareReport.Run> done = new ArrayList<>();
        for (long seed : config.seeds()) {
            for (String a : config.attention()) {
                Path dir = runDir(out, a, seed);
                RunResult r = RunService.finished(dir);
                UsageException.check(r != null, "%s has no result after its training process ended", dir);
                done.add(new CompareReport.Run(r, log(dir)));
            }
        }
        return done;
    }

    /** The directory of one run of a comparison. */
    public static Path runDir(Path out, String attention, long seed) {
        return out.resolve("runs").resolve(attention).resolve("seed-" + seed);
    }

    /** Appends a section to a report. */
    public static void append(Path report, String markdown) {
        try {
            Files.writeString(report, markdown, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + report + ": " + e.getMessage(), e);
        }
    }

    private static List<JsonNode> log(Path dir) {
        try {
            return MetricsLog.read(dir.resolve(MetricsLog.FILE));
        } catch (IOException e) {
            throw new UsageException("cannot read " + dir.resolve(MetricsLog.FILE) + ": " + e.getMessage());
        }
    }
}
