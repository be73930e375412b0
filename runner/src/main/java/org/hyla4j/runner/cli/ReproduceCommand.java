package org.hyla4j.runner.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.base.Exits;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import org.hyla4j.runner.config.Setting;
import org.hyla4j.runner.plan.RunExecutors;
import org.hyla4j.runner.sweep.Sweep;
import org.hyla4j.runner.sweep.SweepFile;
import org.hyla4j.runner.sweep.SweepService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hyla4j reproduce}: a paper experiment, which is a sweep file with named budgets and the paper's numbers, at one of its
 * budgets; the same plan, executors and report as {@code sweep}, with the paper's numbers and the verdict beside the measured ones.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a paper experiment at one of its budgets and write the report with the paper's numbers beside the measured "
                + "ones. An experiment is a sweep file with budgets: and paper: (built in: " + SweepFile.BUILT_IN_NAMES + "; their settings, seeds "
                + "and budgets are in runner/src/main/resources/experiments/). Resumable: rerun the same command.")
public final class ReproduceCommand extends Subcommand {

    @Option(names = "--experiment", required = true, paramLabel = "NAME|FILE",
            description = "A built-in experiment (" + SweepFile.BUILT_IN_NAMES + ") or a sweep file with budgets: and paper:.")
    String experiment;

    @Option(names = "--budget", defaultValue = "small", paramLabel = "NAME",
            description = "One of the experiment's budgets (built in: " + SweepFile.BUILT_IN_BUDGETS + "). Default ${DEFAULT-VALUE}.")
    String budget;

    @Mixin
    GridFlags grid = GridFlags.of("the experiment's; 'all' adds its ablations", "the budget's, else the experiment's");

    @Mixin
    SettingFlags trainingAndMachine = new SettingFlags(Setting.Group.TRAINING, Setting.Group.MACHINE);

    @Mixin
    OutFlag out = OutFlag.of("runs/reproduce-EXPERIMENT-BUDGET");

    @Mixin
    ExecutionFlags execution = new ExecutionFlags();

    @Inject
    SweepService sweeps;

    @Inject
    RunExecutors executors;

    @Override
    public Integer call() {
        SweepFile e = SweepFile.load(experiment);
        UsageException.check(e.experiment() != null, "%s has no paper: section; `hyla4j sweep` runs a sweep file without one", experiment);
        String name = "reproduce-" + e.name() + "-" + budget;
        SweepFile f = e.withBudget(budget, grid.attention(), grid.seeds(), "reproduce", name);
        RunSettings overrides = trainingAndMachine.applyTo(RunConfig.builder());
        int n = execution.resolve(overrides, Math.toIntExact(f.combinations()));
        Path dir = out.or(() -> Path.of("runs", name)).toAbsolutePath();
        SweepService.Outcome o = execution.execute(sweeps, executors, Sweep.expand(f, overrides, catalog, dir), dir, n, catalog,
                console.err());
        return ExecutionFlags.finish(console, dir, o);
    }
}
