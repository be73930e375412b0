package org.hyla4j.runner.service;

import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyla4j.api.UsageException;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.runner.base.Console;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.config.Experiment;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.latent.LatentSection;
import org.hyla4j.runner.latent.LatentService;
import org.hyla4j.runner.plan.PlannedRun;
import org.hyla4j.runner.plan.RunExecutor;
import org.hyla4j.runner.plan.RunExecutors;
import org.hyla4j.runner.plan.RunPlan;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.report.CompareReport;
import org.hyla4j.runner.report.Reports;
import org.hyla4j.runner.run.RunService;

/**
 * A paired comparison in one directory: plans every (seed, variant) run on the same batches, hands the plan to an executor
 * (which reuses finished runs and resumes interrupted ones), then writes the report and, when asked, the latent-code section.
 */
public final class CompareService {

    private final Catalog catalog;
    private final LatentService latentService;
    private final Console console;
    private final RunExecutors executors;

    @Inject
    public CompareService(Catalog catalog, LatentService latentService, Console console, RunExecutors executors) {
        this.catalog = catalog;
        this.executors = executors;
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

    /**
     * Trains (or reuses) every run, {@code jobs} at a time, and writes the report (report.md, report.csv, the figures); with
     * {@code reportOnly}, only the report. The caller writes report.html once report.md is complete.
     *
     * @param experiment the paper experiment whose settings the runs use ({@code reproduce}), or null ({@code compare}: the
     *     report judges the runs against the task's paper experiment, if any, without claiming its setting)
     */
    public Outcome run(RunConfig config, Path out, boolean latent, int jobs, boolean reportOnly, Experiment experiment) {
        return reportOnly ? reportOnly(config, out, latent, experiment) : compare(config, out, latent, executors.forJobs(jobs), experiment);
    }

    /** Trains (or reuses) every run of {@code config} under {@code out} on {@code executor} and writes the report there. */
    public Outcome compare(RunConfig config, Path out, boolean latent, RunExecutor executor, Experiment experiment) {
        RunService.prepare(out);
        Path saved = out.resolve(RunService.CONFIG);
        if (Files.exists(saved)) {
            UsageException.check(RunConfig.read(saved, catalog).sameExperimentAs(config),
                    "%s holds a comparison with another configuration; choose another --out or delete it", out);
        }
        Json.write(saved, config);
        console.err().println("config: " + config);
        RunPlan plan = RunPlan.comparison(config, out, catalog);
        executor.execute(plan);
        return report(config, out, latent, plan.runs(), experiment);
    }

    /**
     * Trains nothing: writes an interim report over the seeds whose runs have all finished, naming the runs still missing (or,
     * when every run has finished, the final report).
     */
    public Outcome reportOnly(RunConfig config, Path out, boolean latent, Experiment experiment) {
        Path saved = out.resolve(RunService.CONFIG);
        UsageException.check(Files.isRegularFile(saved), "no comparison in %s yet: no config.json", out);
        UsageException.check(RunConfig.read(saved, catalog).sameExperimentAs(config), "%s holds a comparison with another configuration", out);
        List<Long> complete = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<PlannedRun> done = new ArrayList<>();
        for (Map.Entry<Long, List<PlannedRun>> seed : RunPlan.comparison(config, out, catalog).bySeed().entrySet()) {
            List<PlannedRun> unfinished = seed.getValue().stream().filter(r -> RunService.finished(r.dir()) == null).toList();
            unfinished.forEach(r -> missing.add(r.label()));
            if (unfinished.isEmpty()) {
                complete.add(seed.getKey());
                done.addAll(seed.getValue());
            }
        }
        UsageException.check(!complete.isEmpty(), "no seed in %s has finished for every variant yet (missing: %s)", out,
                String.join(", ", missing));
        if (missing.isEmpty()) {
            return report(config, out, latent, done, experiment); // everything has finished: the final report, no notice
        }
        Outcome o = report(config.toBuilder().seeds(complete).build(catalog), out, latent, done, experiment);
        Reports.prepend(out.resolve("report.md"), String.format("> **Interim report** over seed(s) %s of %s: the runs %s have not "
                + "finished yet. Rerun the command without --report-only to finish them.%n%n", complete, config.seeds(), String.join(", ", missing)));
        return o;
    }

    private Outcome report(RunConfig config, Path out, boolean latent, List<PlannedRun> runs, Experiment experiment) {
        TaskInstance t = config.taskInstance(catalog, config.seeds().get(0));
        String headline = t.headlineSplit() + "/" + t.headlineMetric();
        String inDistribution = t.inDistributionSplit() + "/" + t.headlineMetric();
        List<CompareReport.Run> read = runs.stream().map(r -> CompareReport.Run.read(r.dir())).toList();
        Experiment context = experiment != null ? experiment : Experiment.forTask(config.task());
        Outcome outcome = new Outcome(new CompareReport(config, headline, inDistribution, read, context, experiment != null), headline,
                inDistribution);
        outcome.report().write(out);
        if (latent) {
            List<LatentService.Result> codes = new ArrayList<>();
            for (PlannedRun r : runs) {
                console.err().printf("[%s] latent code%n", r.label());
                codes.add(latentService.analyse(r.dir(), 1000, 500));
            }
            Reports.append(out.resolve("report.md"), LatentSection.markdown(codes));
        }
        return outcome;
    }
}
