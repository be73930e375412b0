package org.hyla4j.runner.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.base.Exits;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import org.hyla4j.runner.plan.RunExecutor;
import org.hyla4j.runner.plan.RunExecutors;
import org.hyla4j.runner.plan.SparkExecutor;
import org.hyla4j.runner.sweep.Sweep;
import org.hyla4j.runner.sweep.SweepFile;
import org.hyla4j.runner.sweep.SweepService;
import org.hyla4j.runner.config.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hyla4j sweep FILE}: a grid of runs on Apache Spark, embedded {@code local[N]} unless told otherwise; resumable. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Expand a sweep file (W&B grid format; hyla4j's or the paper's keys, see docs/sweeps.md) and train every run as a "
                + "Spark task: embedded local[N] by default, or --master spark://HOST:PORT, yarn, k8s://... Run directories are keyed by "
                + "the hash of their configuration, so submitting the sweep again trains only what is missing and resumes interrupted "
                + "runs. Writes report.md, report.csv and a plot per swept axis.")
public final class SweepCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The sweep file (YAML or JSON), e.g. sweeps/fuzzy-a1-small.yaml.")
    Path file;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N] (default local[cores], so cores / threads runs at once), spark://HOST:PORT, yarn, k8s://...; under spark-submit, "
                    + "what spark-submit was given.")
    String master;

    @Option(names = "--budget", paramLabel = "NAME",
            description = "One of the file's named budgets (budgets:), laid over its parameters; the sweep's name gains -NAME.")
    String budget;

    @Mixin
    OutFlag out = OutFlag.of("runs/sweep-NAME; on a cluster, storage every worker sees");

    @Option(names = "--dry-run", description = "Print the runs, their count and an estimate of the core-hours; train nothing.")
    boolean dryRun;

    @Option(names = "--estimate-steps", defaultValue = "3", paramLabel = "N",
            description = "Steps timed per distinct model shape for the --dry-run estimate; 0 skips it. Default ${DEFAULT-VALUE}.")
    int estimateSteps;

    @Option(names = "--report-only", description = "Train nothing: write the report over the runs that have finished.")
    boolean reportOnly;

    @Option(names = "--max-runs", paramLabel = "N", description = "Train at most N of the unfinished runs this time (in plan order).")
    Integer maxRuns;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Intra-op threads per run, and so spark.task.cpus. Default ${DEFAULT-VALUE}: these small models use cores better "
                    + "side by side than inside one run.")
    int threads;

    @Option(names = "--max-failures", defaultValue = SparkExecutor.DEFAULT_MAX_FAILURES, paramLabel = "N",
            description = "Attempts per run (spark.task.maxFailures); a retry resumes from the run's last checkpoint. Default ${DEFAULT-VALUE}.")
    int maxFailures;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, applied last (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--spark-ui", description = "Start Spark's web UI (off by default).")
    boolean sparkUi;

    @Option(names = "--progress-every", defaultValue = "30", paramLabel = "SECONDS", description = "Progress line cadence. Default ${DEFAULT-VALUE}.")
    int progressEvery;

    @Mixin
    SettingFlags training = new SettingFlags(Setting.Group.TRAINING);

    @Inject
    SweepService sweeps;

    @Inject
    RunExecutors executors;

    @Override
    public Integer call() {
        UsageException.check(threads > 0, "--threads must be positive, got %d", threads);
        UsageException.check(maxFailures > 0, "--max-failures must be positive, got %d", maxFailures);
        UsageException.check(maxRuns == null || maxRuns > 0, "--max-runs must be positive, got %d", maxRuns);
        UsageException.check(progressEvery > 0, "--progress-every must be positive, got %d", progressEvery);
        UsageException.check(estimateSteps >= 0, "--estimate-steps must be 0 or more, got %d", estimateSteps);
        SweepFile read = SweepFile.read(file);
        SweepFile f = budget == null ? read : read.withBudget(budget, null, null, null, read.name() + "-" + budget);
        Path dir = out.or(() -> Path.of("runs", "sweep-" + f.name())).toAbsolutePath();
        RunSettings overrides = training.applyTo(RunConfig.builder()).threads(threads);
        Sweep sweep = Sweep.expand(f, overrides, catalog, dir);
        if (dryRun) {
            sweeps.dryRun(sweep, threads, estimateSteps);
            return Exits.OK;
        }
        if (reportOnly) {
            SweepService.Outcome o = sweeps.reportOnly(sweep, dir);
            console.out().printf("report over %d of %d runs: %s%n", o.finished(), o.runs(), dir.resolve("report.md"));
            return Exits.OK;
        }
        RunExecutor executor = executors.onSpark(master, threads, maxFailures, sparkUi, conf);
        SweepService.Outcome o = sweeps.run(sweep, dir, executor, maxRuns, Duration.ofSeconds(progressEvery));
        console.out().println("report: " + dir.resolve("report.md"));
        if (!o.failures().isEmpty()) {
            console.err().printf("error: %d run(s) failed (listed in the report); submit the sweep again to retry them%n", o.failures().size());
            return Exits.FAILURE;
        }
        return Exits.OK;
    }
}
