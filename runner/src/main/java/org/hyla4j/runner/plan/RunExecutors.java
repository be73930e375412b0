package org.hyla4j.runner.plan;

import jakarta.inject.Inject;
import java.util.Map;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.base.Console;
import org.hyla4j.runner.plugins.PluginDirectories;
import org.hyla4j.runner.run.RunClaim;
import org.hyla4j.runner.run.RunService;

/**
 * Picks the executor for a command's settings: in-process for one job at a time, child JVMs for {@code --jobs N > 1}, Spark
 * for {@code --master URL}.
 */
public final class RunExecutors {

    private final RunService runs;
    private final Console console;
    private final PluginDirectories plugins;

    @Inject
    public RunExecutors(RunService runs, Console console, PluginDirectories plugins) {
        this.runs = runs;
        this.console = console;
        this.plugins = plugins;
    }

    /** The executor that trains {@code jobs} runs at a time. */
    public RunExecutor forJobs(int jobs) {
        UsageException.check(jobs > 0, "--jobs must be positive, got %d", jobs);
        return jobs == 1 ? new InProcessExecutor(runs, console) : new ChildJvmExecutor(console, plugins, jobs);
    }

    /**
     * The executor that trains every run as a task of a Spark job on {@code master} (null: what spark-submit set, else
     * {@code local[cores / threads]}), each on {@code threads} intra-op threads, with {@code maxFailures} attempts per run,
     * Spark's web UI when {@code ui}, and {@code conf} applied last. An unknown master is refused here, before anything is
     * written.
     */
    public RunExecutor onSpark(String master, int threads, int maxFailures, boolean ui, Map<String, String> conf) {
        return new SparkExecutor(console, new SparkExecutor.Settings(master, threads, maxFailures, ui, conf,
                plugins.explicit().stream().map(p -> p.toAbsolutePath().toString()).toList(), RunClaim.staleAfter().toSeconds() + 30));
    }
}
