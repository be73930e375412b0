package org.hyla4j.runner.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyla4j.runner.service.CompareService;
import org.hyla4j.runner.base.Exits;
import org.hyla4j.runner.config.Defaults;
import org.hyla4j.runner.config.RunConfig;
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

    @Option(names = "--attention", split = ",", paramLabel = "ID[,ID...]",
            description = "Variants to compare (default softmax_attention,linear_attention,linear_hypatt).")
    List<String> attention;

    @Option(names = "--seeds", split = ",", paramLabel = "S[,S...]", description = "Root seeds (default 0,1).")
    List<Long> seeds;

    @Mixin
    ExecutionFlags execution = new ExecutionFlags();

    @Option(names = "--latent", description = "Also analyse every run's latent code and add a section to the report.")
    boolean latent;

    @Inject
    CompareService compare;

    @Override
    public Integer call() {
        RunConfig.Builder b = options.builder();
        b.attention(attention != null ? attention : b.attention() != null ? b.attention() : Defaults.COMPARED);
        b.seeds(seeds != null ? seeds : b.seeds() != null ? b.seeds() : Defaults.COMPARE_SEEDS);
        int n = execution.resolve(b, b.attention().size() * b.seeds().size());
        RunConfig config = b.build(catalog);
        Path out = options.out != null ? options.out : Path.of("runs", "compare-" + config.task());
        compare.run(config, out, latent, n, execution.reportOnly);
        console.out().println("report: " + out.resolve("report.md"));
        try {
            console.out().println(Files.readString(out.resolve("report.md")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Exits.OK;
    }
}
