package org.hyla4j.runner.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyla4j.runner.service.CompareService;
import org.hyla4j.runner.base.Exits;
import org.hyla4j.runner.config.Defaults;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hyla4j compare}: several variants over several seeds on identical data (a paired
 * comparison), then a report. Rerunning the same command in the same {@code --out} reuses finished
 * runs and resumes interrupted ones.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train several attention variants over several seeds on identical batches, then write report.md, "
                + "report.csv and PNG plots. Rerun the same command to resume.")
public final class CompareCommand extends Subcommand {

    @Mixin
    RunOptions options;

    @Mixin
    OutFlag out = OutFlag.of("runs/compare-TASK");

    @Mixin
    GridFlags grid = GridFlags.of(String.join(",", Defaults.COMPARED), "0,1");

    @Mixin
    ExecutionFlags execution = new ExecutionFlags();

    @Option(names = "--latent", description = "Also analyse every run's latent code and add a section to the report.")
    boolean latent;

    @Inject
    CompareService compare;

    @Override
    public Integer call() {
        RunConfig.Builder b = options.builder();
        grid.applyTo(b, Defaults.COMPARED, Defaults.COMPARE_SEEDS);
        int n = execution.resolve(b, b.attention().size() * b.seeds().size());
        RunConfig config = b.build(catalog);
        Path out = this.out.or(() -> Path.of("runs", "compare-" + config.task()));
        compare.run(config, out, latent, n, execution.reportOnly, null);
        HtmlReport.write(out);
        console.out().println("report: " + out.resolve("report.md"));
        try {
            console.out().println(Files.readString(out.resolve("report.md")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Exits.OK;
    }
}
