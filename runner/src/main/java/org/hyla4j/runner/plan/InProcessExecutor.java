package org.hyla4j.runner.plan;

import java.time.Duration;
import java.util.List;
import org.hyla4j.core.train.StopSignal;
import org.hyla4j.runner.base.Console;
import org.hyla4j.runner.run.RunService;

/** Trains a plan's runs in this process, one after another (DJL allows one gradient collector per process). */
public final class InProcessExecutor extends RunExecutor {

    private final RunService runs;

    public InProcessExecutor(RunService runs, Console console) {
        super(console);
        this.runs = runs;
    }

    @Override
    protected void train(List<PlannedRun> pending) {
        for (PlannedRun r : pending) {
            runs.trainOrResume(r.config(), r.attention(), r.seed(), r.dir(), new StopSignal(), console.interactive(), Duration.ZERO);
        }
    }
}
