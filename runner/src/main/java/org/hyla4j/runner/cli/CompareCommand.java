package org.hyla4j.runner.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyla4j.runner.base.Exits;
import org.hyla4j.runner.config.Defaults;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import org.hyla4j.runner.latent.LatentSection;
import org.hyla4j.runner.latent.LatentService;
import org.hyla4j.runner.plan.RunExecutors;
import org.hyla4j.runner.report.HtmlReport;
import org.hyla4j.runner.report.Reports;
import org.hyla4j.runner.run.RunService;
import org.hyla4j.runner.sweep.Sweep;
import org.hyla4j.runner.sweep.SweepService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hyla4j compare}: several variants over several seeds on identical data (a paired comparison), then a report. The
 * comparison is a sweep over {attention × seed}: the same plan, executors, run directories and report as {@code hyla4j sweep},
 * so rerunning the same command in the same {@code --out} reuses finished runs and resumes interrupted ones, and a sweep file
 * with the same settings finds the same runs.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train several attention variants over several seeds on identical batches, then write the report (report.md, "
                + "report.csv, summary.csv, figures, report.html): the same page a sweep gets. Rerun the same command to resume.")
public final class CompareCommand extends Subcommand {

    @Mixin
    RunOptions options;

    @Mixin
    OutFlag out = OutFlag.of("runs/compare-TASK");

    @Mixin
    GridFlags grid = GridFlags.of(String.join(",", Defaults.COMPARED), Defaults.COMPARE_SEEDS.stream().map(String::valueOf)
            .reduce((a, b) -> a + "," + b).orElseThrow());

    @Mixin
    ExecutionFlags execution = new ExecutionFlags();

    @Option(names = "--latent", description = "Also analyse every finished run's latent code and add a section to the report.")
    boolean latent;

    @Inject
    SweepService sweeps;

    @Inject
    RunExecutors executors;

    @Inject
    LatentService latentService;

    @Override
    public Integer call() {
        RunSettings b = options.builder();
        grid.applyTo(b, Defaults.COMPARED, Defaults.COMPARE_SEEDS);
        int n = execution.resolve(b, b.attention().size() * b.seeds().size());
        RunConfig config = b.build(catalog);
        Path dir = out.or(() -> Path.of("runs", "compare-" + config.task())).toAbsolutePath().normalize();
        // the report is named after its folder, so pages published side by side (docs/results/NAME) tell each other apart
        Sweep sweep = Sweep.grid(dir.getFileName() == null ? "compare-" + config.task() : dir.getFileName().toString(), config, catalog, dir);
        SweepService.Outcome o = execution.execute(sweeps, executors, sweep, dir, n, catalog, console.err());
        if (latent) {
            List<LatentService.Result> codes = new ArrayList<>();
            for (Sweep.Point p : sweep.points()) {
                if (RunService.finished(p.run().dir()) != null) {
                    console.err().printf("[%s] latent code%n", p.run().label());
                    codes.add(latentService.analyse(p.run().dir(), 1000, 500));
                }
            }
            Reports.append(dir.resolve("report.md"), LatentSection.markdown(codes));
            HtmlReport.write(dir);
        }
        return ExecutionFlags.finish(console, dir, o);
    }
}
