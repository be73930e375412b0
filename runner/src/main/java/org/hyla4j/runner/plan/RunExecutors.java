package org.hyla4j.runner.plan;

import jakarta.inject.Inject;
import org.hyla4j.api.UsageException;
import org.hyla4j.runner.base.Console;
import org.hyla4j.runner.plugins.PluginDirectories;
import org.hyla4j.runner.run.RunService;

/** Picks the executor for a command's settings: in-process for one job at a time, child JVMs for {@code --jobs N > 1}. */
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
}
