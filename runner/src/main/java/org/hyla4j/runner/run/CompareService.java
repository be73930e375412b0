package org.hyla4j.runner.run;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.hyla4j.api.UsageException;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.api.train.Checkpoint;
import org.hyla4j.runner.cli.Console;
import org.hyla4j.runner.latent.LatentSection;
import org.hyla4j.runner.latent.LatentService;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.report.CompareReport;

/**
 * A paired comparison in one directory: every (seed, variant) run on the same batches, reusing finished
 * runs and resuming interrupted ones, then the report (and, when asked, the latent-code section).
 */
public final class CompareService {

    private final Catalog catalog;
    private final RunService runs;
    private final LatentService latentService;
    private final Console console;

    @Inject
    public CompareService(Catalog catalog, RunService runs, LatentService latentService, Console console) {
        this.catalog = catalog;
        this.runs = runs;
        this.latentService = latentService;
        this.console = console;
    }

    /**
     * What a comparison produced.
     *
     * @param report the report over all runs
     * @param headline metric key of the paper's "OOD" number
     * @param inDistribution metric key of the in-distribution number
     */
    public record Outcome(CompareReport report, String headline, String inDistribution) {
    }

    /** Runs (or reuses) every run of {@code config} under {@code out} and writes the report there. */
    public Outcome compare(RunConfig config, Path out, boolean latent) {
        RunService.prepare(out);
        Path saved = out.resolve("config.json");
        if (Files.exists(saved)) {
            UsageException.check(RunConfig.read(saved).onMachine(0, "-").equals(config.onMachine(0, "-")),
                    "%s holds a comparison with another configuration; choose another --out or delete it", out);
        }
        Json.write(saved, config);
        console.err().println("config: " + Json.LINE.valueToTree(config));
        List<CompareReport.Run> done = new ArrayList<>();
        for (long seed : config.seeds()) {
            for (String a : config.attention()) {
                Path dir = runDir(out, a, seed);
                RunResult r = RunService.finished(dir);
                if (r == null) {
                    r = runs.train(config, a, seed, dir, Files.exists(dir.resolve(Checkpoint.FILE)));
                } else {
                    console.err().printf("[%s seed %d] finished earlier, reusing %s%n", a, seed, dir);
                }
                done.add(new CompareReport.Run(r, log(dir)));
            }
        }
        TaskInstance t = config.taskInstance(catalog, config.seeds().get(0));
        String metric = t.headlineMetric();
        Outcome outcome = new Outcome(new CompareReport(config, t.headlineSplit() + "/" + metric, t.inDistributionSplit() + "/" + metric,
                done), t.headlineSplit() + "/" + metric, t.inDistributionSplit() + "/" + metric);
        outcome.report().write(out);
        if (latent) {
            List<LatentService.Result> codes = new ArrayList<>();
            for (long seed : config.seeds()) {
                for (String a : config.attention()) {
                    console.err().printf("[%s seed %d] latent code%n", a, seed);
                    codes.add(latentService.analyse(runDir(out, a, seed), 1000, 500));
                }
            }
            append(out.resolve("report.md"), LatentSection.markdown(codes));
        }
        return outcome;
    }

    /** The directory of one run of a comparison. */
    public static Path runDir(Path out, String attention, long seed) {
        return out.resolve("runs").resolve(attention).resolve("seed-" + seed);
    }

    /** Appends a section to a report. */
    public static void append(Path report, String markdown) {
        try {
            Files.writeString(report, markdown, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + report + ": " + e.getMessage(), e);
        }
    }

    private static List<JsonNode> log(Path dir) {
        try {
            return MetricsLog.read(dir.resolve(MetricsLog.FILE));
        } catch (IOException e) {
            throw new UsageException("cannot read " + dir.resolve(MetricsLog.FILE) + ": " + e.getMessage());
        }
    }
}
