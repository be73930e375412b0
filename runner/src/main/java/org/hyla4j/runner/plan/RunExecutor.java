package org.hyla4j.runner.plan;

import java.util.ArrayList;
import java.util.List;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.base.Console;
import org.hyla4j.runner.run.RunResult;
import org.hyla4j.runner.run.RunService;

/**
 * Where the runs of a plan train: in this process one after another, in child JVMs side by side, or (later) on a cluster.
 * Every executor reuses finished runs, resumes interrupted ones from their checkpoints and returns every run's result; what
 * differs is only {@link #train}.
 */
public abstract class RunExecutor {

    /** The console for progress and the reuse notices. */
    protected final Console console;

    protected RunExecutor(Console console) {
        this.console = console;
    }

    /** Trains the runs of {@code plan} that have not finished and returns the results of all of them, in plan order. */
    public final List<RunResult> execute(RunPlan plan) {
        List<PlannedRun> pending = new ArrayList<>();
        List<PlannedRun> reused = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            (RunService.finished(r.dir()) != null ? reused : pending).add(r);
        }
        if (reused.size() > 8) {
            console.err().printf("%d runs finished earlier, reusing them%n", reused.size());
        } else {
            reused.forEach(r -> console.err().printf("[%s] finished earlier, reusing %s%n", r.label(), r.dir()));
        }
        if (!pending.isEmpty()) {
            train(pending);
        }
        List<RunResult> results = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            RunResult result = RunService.finished(r.dir());
            UsageException.check(result != null, "%s has no result after its training ended", r.dir());
            results.add(result);
        }
        return results;
    }

    /**
     * Trains (or resumes) every run of {@code pending}, each writing its own directory. Throws when one fails, after
     * stopping the others with a checkpoint, so that running the plan again resumes all of them.
     */
    protected abstract void train(List<PlannedRun> pending);
}
