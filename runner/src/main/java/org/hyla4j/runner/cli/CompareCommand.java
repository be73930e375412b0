package org.hyla4j.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hyla4j.api.UsageException;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.runner.latent.LatentSection;
import org.hyla4j.runner.latent.LatentService;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.report.CompareReport;
import org.hyla4j.runner.run.Json;
import org.hyla4j.runner.run.MetricsLog;
import org.hyla4j.runner.run.RunConfig;
import org.hyla4j.runner.run.RunResult;
import org.hyla4j.runner.run.RunService;
import org.hyla4j.runner.run.RunSettings;
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
public final class CompareCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Option(names = "--attention", split = ",", paramLabel = "ID[,ID...]",
            description = "Variants to compare (default softmax_attention,linear_attention,linear_hypatt).")
    List<String> attention;

    @Option(names = "--seeds", split = ",", paramLabel = "S[,S...]", description = "Root seeds (default 0,1).")
    List<Long> seeds;

    @Option(names = "--latent", description = "Also analyse every run's latent code and add a section to the report.")
    boolean latent;

    private final Catalog catalog;
    private final RunService runs;
    private final LatentService latentService;
    private final Console console;

    @Inject
    CompareCommand(Catalog catalog, RunService runs, LatentService latentService, Console console) {
        this.catalog = catalog;
        this.runs = runs;
        this.latentService = latentService;
        this.console = console;
    }

    @Override
    public Integer call() {
        RunSettings s = options.settings(attention, seeds);
        if (s.attention == null) {
            s.attention = List.of("softmax_attention", "linear_attention", "linear_hypatt");
        }
        if (s.seeds == null) {
            s.seeds = List.of(0L, 1L);
        }
        RunConfig config = RunConfig.resolve(s, catalog);
        Path out = options.out != null ? options.out : Path.of("runs", "compare-" + config.task());
        RunService.prepare(out);
        Path saved = out.resolve("config.json");
        if (Files.exists(saved)) {
            RunConfig previous = RunConfig.read(saved);
            UsageException.check(sameExperiment(previous, config),
                    "%s holds a comparison with another configuration; choose another --out or delete it", out);
        }
        Json.write(saved, config);
        console.err().println("config: " + Json.LINE.valueToTree(config));
        List<CompareReport.Run> done = new ArrayList<>();
        for (long seed : config.seeds()) {
            for (String a : config.attention()) {
                Path dir = out.resolve("runs").resolve(a).resolve("seed-" + seed);
                RunResult r = RunService.finished(dir);
                if (r == null) {
                    boolean resume = Files.exists(dir.resolve(org.hyla4j.api.train.Checkpoint.FILE));
                    r = runs.train(config, a, seed, dir, resume);
                } else {
                    console.err().printf("[%s seed %d] finished earlier, reusing %s%n", a, seed, dir);
                }
                done.add(new CompareReport.Run(r, log(dir)));
            }
        }
        TaskInstance t = config.taskInstance(catalog, config.seeds().get(0));
        String metric = t.headlineMetric();
        new CompareReport(config, t.headlineSplit() + "/" + metric, t.inDistributionSplit() + "/" + metric, done).write(out);
        if (latent) {
            List<LatentService.Result> codes = new ArrayList<>();
            for (long seed : config.seeds()) {
                for (String a : config.attention()) {
                    console.err().printf("[%s seed %d] latent code%n", a, seed);
                    codes.add(latentService.analyse(out.resolve("runs").resolve(a).resolve("seed-" + seed), 1000, 500));
                }
            }
            try {
                Files.writeString(out.resolve("report.md"), LatentSection.markdown(codes), java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + out.resolve("report.md") + ": " + e.getMessage(), e);
            }
        }
        console.out().println("report: " + out.resolve("report.md"));
        try {
            console.out().println(Files.readString(out.resolve("report.md")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Exits.OK;
    }

    private static List<JsonNode> log(Path dir) {
        try {
            return MetricsLog.read(dir.resolve(MetricsLog.FILE));
        } catch (IOException e) {
            throw new UsageException("cannot read " + dir.resolve(MetricsLog.FILE) + ": " + e.getMessage());
        }
    }

    /** Same experiment: everything but threads and device (which do not change what is computed). */
    static boolean sameExperiment(RunConfig a, RunConfig b) {
        return a.onMachine(0, "-").equals(b.onMachine(0, "-"));
    }
}
