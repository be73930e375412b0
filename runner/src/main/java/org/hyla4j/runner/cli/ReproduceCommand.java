package org.hyla4j.runner.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyla4j.runner.base.Exits;
import org.hyla4j.runner.config.Experiment;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import org.hyla4j.runner.config.Setting;
import org.hyla4j.runner.plan.RunExecutors;
import org.hyla4j.runner.sweep.Sweep;
import org.hyla4j.runner.sweep.SweepService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hyla4j reproduce}: a paper experiment (an experiment file) at a stated budget, side by side with the paper's numbers. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a paper experiment at a stated budget and write the report with the paper's numbers beside the measured ones. "
                + "Built in: fuzzy-a1 (Table A1: fuzzy logic, T = 32, 70 %% of combinations held out) and sraven-a1 (SRAVEN, 4 layers, "
                + "width 1), over 3 seeds (sraven-a1 small: 1). Resumable: rerun the same command.")
public final class ReproduceCommand extends Subcommand {

    @Option(names = "--experiment", required = true, paramLabel = "NAME|FILE",
            description = "A built-in experiment (fuzzy-a1, sraven-a1) or an experiment file (YAML/JSON, as runner/src/main/resources/experiments/).")
    String experiment;

    @Option(names = "--budget", defaultValue = "small", paramLabel = "NAME",
            description = "A budget of the experiment; built in: small, medium, paper (fuzzy-a1: 2,000 / 10,000 / 50,000 steps; sraven-a1: "
                    + "2,000 (1 seed) / 20,000 / 156,250 steps; batch 128). Default ${DEFAULT-VALUE}.")
    String budget;

    @Mixin
    GridFlags grid = GridFlags.of("the experiment's: softmax, linear, HYLA; 'all' adds its ablations",
            "the budget's: 0,1,2; sraven-a1 small: 0");

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
        Experiment e = Experiment.load(experiment);
        RunSettings overrides = trainingAndMachine.applyTo(RunConfig.builder());
        RunSettings s = e.settings(budget, grid.attention(), grid.seeds(), overrides);
        int n = execution.resolve(s, s.attention().size() * s.seeds().size());
        RunConfig config = s.build(catalog);
        Path dir = out.or(() -> Path.of("runs", "reproduce-" + e.name() + "-" + budget)).toAbsolutePath();
        // a sweep over {attention x seed} with the experiment as its paper: the report puts the paper's numbers and the verdict in
        SweepService.Outcome o = execution.execute(sweeps, executors, Sweep.grid("reproduce-" + e.name() + "-" + budget, config, e, catalog, dir),
                dir, n);
        console.out().println("report: " + dir.resolve("report.md"));
        try {
            console.out().println(Files.readString(dir.resolve("report.md")));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (!o.failures().isEmpty()) {
            console.err().printf("error: %d run(s) failed (listed in the report); rerun the command to retry them%n", o.failures().size());
            return Exits.FAILURE;
        }
        return Exits.OK;
    }
}
