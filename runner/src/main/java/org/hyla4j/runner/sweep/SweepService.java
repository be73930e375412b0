package org.hyla4j.runner.sweep;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.core.nn.ModelConfig;
import org.hyla4j.core.train.Checkpoint;
import org.hyla4j.runner.base.Console;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.bench.StepBenchmark;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.plan.PlannedRun;
import org.hyla4j.runner.plan.RunExecutor;
import org.hyla4j.runner.plan.RunPlan;
import org.hyla4j.runner.plan.SparkExecutor;
import org.hyla4j.runner.plan.SparkRunTask;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.run.EngineSetup;
import org.hyla4j.runner.run.MetricsLog;
import org.hyla4j.runner.run.RunClaim;
import org.hyla4j.runner.run.RunService;

/**
 * Runs a sweep: writes its index ({@code sweep.json}), trains the runs that have not finished on an executor (Spark by default)
 * while printing progress, and writes the report over the swept axes. Submitted again, it trains only what is missing.
 */
public final class SweepService {

    private final Catalog catalog;
    private final Console console;

    @Inject
    public SweepService(Catalog catalog, Console console) {
        this.catalog = catalog;
        this.console = console;
    }

    /** What became of a sweep: runs finished and failed (the report is written either way). */
    public record Outcome(int runs, int finished, List<String> failures, int trained) {
    }

    /** Prints the runs, their count and, when {@code estimateSteps > 0}, an estimate of the core-hours from a quick timing of each distinct model shape. */
    public void dryRun(Sweep sweep, int threads, int estimateSteps) {
        var out = console.out();
        out.printf("sweep %s: %d runs%s%n", sweep.file().name(), sweep.points().size(),
                sweep.repeats() > 0 ? " (" + sweep.repeats() + " grid points repeat another's configuration)" : "");
        int i = 0;
        long done = 0;
        for (Sweep.Point p : sweep.points()) {
            Status s = status(p.run());
            done += s == Status.DONE ? 1 : 0;
            out.printf(Locale.ROOT, "%5d  %-12s %-8s %s  %s%n", ++i, p.run().hash(), s.name().toLowerCase(Locale.ROOT), p.run().dir().getFileName(),
                    p.axes());
        }
        out.printf("%d runs, %d finished earlier, %d to train%n", sweep.points().size(), done, sweep.points().size() - done);
        if (estimateSteps > 0) {
            estimate(sweep, threads, estimateSteps);
        }
    }

    /** Where a run stands, read from its directory: what the dry run lists and the progress line counts. */
    enum Status { DONE, RUNNING, PARTIAL, NEW }

    private static Status status(PlannedRun r) {
        if (RunService.finished(r.dir()) != null) {
            return Status.DONE;
        }
        RunClaim.Owner o = RunClaim.owner(r.dir());
        if (o != null && o.live()) {
            return Status.RUNNING;
        }
        return Files.exists(r.dir().resolve(Checkpoint.FILE)) ? Status.PARTIAL : Status.NEW;
    }

    /** Times a few training steps of every distinct (task, model shape, batch, variant) and sums steps × time over the runs. */
    private void estimate(Sweep sweep, int threads, int steps) {
        Engine engine = EngineSetup.start(threads);
        Device device = EngineSetup.device(engine, "cpu");
        Map<String, Double> msPerStep = new LinkedHashMap<>();
        double hours = 0;
        for (Sweep.Point p : sweep.points()) {
            RunConfig c = p.run().config();
            if (RunService.finished(p.run().dir()) != null) {
                continue;
            }
            TaskInstance t = c.taskInstance(catalog, c.seeds().get(0));
            ModelConfig m = c.model(t);
            // what sets a step's cost: the tensors' shapes and the variant, not task options such as the held-out fraction
            String shape = c.task() + " " + p.run().attention() + " T " + t.seqLen() + " in " + t.inputDim() + " out " + t.readoutPositions() + "x"
                    + t.outputDim() + " layers " + m.layers() + " D " + m.modelDim() + " heads " + m.numHeads() + " qk " + m.qkDim() + " v "
                    + m.vDim() + " mlp " + m.mlpDim() + " batch " + c.batch();
            Double ms = msPerStep.get(shape);
            if (ms == null) {
                StepBenchmark.Row row = new StepBenchmark(t, m, c.batch(), 1, steps, Double.NaN).run(catalog.attention().get(p.run().attention()), device);
                ms = row.time().stepMs();
                msPerStep.put(shape, ms);
                console.err().printf(Locale.ROOT, "timed %s: %.1f ms/step%n", shape, ms);
            }
            hours += c.steps() * ms / 3.6e6;
        }
        console.out().printf(Locale.ROOT, "estimate: %.1f run-hours at %d thread(s) per run = %.1f core-hours (from %d timed shape(s), %d step(s) "
                + "each, on this machine; evaluation and checkpoints add a few per cent)%n", hours, threads, hours * threads, msPerStep.size(), steps);
    }

    /**
     * Trains every unfinished run (at most {@code maxRuns} of them when given) on {@code executor}, printing progress every
     * {@code progressEvery}, then writes the report into {@code out}.
     */
    public Outcome run(Sweep sweep, Path out, RunExecutor executor, Integer maxRuns, Duration progressEvery) {
        RunService.prepare(out);
        writeIndex(sweep, out);
        List<PlannedRun> unfinished = sweep.points().stream().map(Sweep.Point::run).filter(r -> RunService.finished(r.dir()) == null).toList();
        List<PlannedRun> pending = maxRuns == null ? unfinished : unfinished.subList(0, Math.min(maxRuns, unfinished.size()));
        int total = sweep.points().size();
        List<String> failures = new ArrayList<>();
        if (pending.isEmpty()) {
            console.err().printf("sweep %s: all %d runs finished earlier; nothing to train%n", sweep.file().name(), total);
        } else {
            console.err().printf("sweep %s: %d runs, %d finished earlier, training %d%n", sweep.file().name(), total,
                    total - unfinished.size(), pending.size());
            ScheduledExecutorService ticker = progress(sweep, pending, progressEvery);
            try {
                executor.execute(new RunPlan(pending));
            } catch (SparkExecutor.RunsFailed e) {
                failures.addAll(e.failures());
            } finally {
                ticker.shutdownNow();
            }
        }
        SweepReport report = new SweepReport(sweep, catalog);
        report.write(out, failures);
        console.err().printf("sweep %s: %d of %d runs finished, %d failed%n", sweep.file().name(), report.finished(), total, failures.size());
        return new Outcome(total, report.finished(), failures, pending.size());
    }

    /** Writes the report over the runs that have finished; trains nothing. */
    public Outcome reportOnly(Sweep sweep, Path out) {
        RunService.prepare(out);
        SweepReport report = new SweepReport(sweep, catalog);
        report.write(out, List.of());
        return new Outcome(sweep.points().size(), report.finished(), List.of(), 0);
    }

    /** Every {@code every}: done / running / failed-so-far / waiting of the runs being trained, and an ETA from the runs done so far. */
    private ScheduledExecutorService progress(Sweep sweep, List<PlannedRun> pending, Duration every) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hyla4j-sweep-progress");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        String[] last = {""};
        s.scheduleAtFixedRate(() -> {
            int done = 0;
            int running = 0;
            int failed = 0;
            List<double[]> runningLeft = new ArrayList<>(); // for the ETA: {steps left, steps/s} per run training now
            List<Long> waitingLeft = new ArrayList<>();
            for (PlannedRun r : pending) {
                Status st = status(r);
                if (st == Status.DONE) {
                    done++;
                    continue;
                }
                if (Files.exists(r.dir().resolve(SparkRunTask.FAILED_MARK))) {
                    failed++;
                    continue;
                }
                running += st == Status.RUNNING ? 1 : 0;
                double[] pace = pace(r.dir());
                long total = r.config().steps();
                if (st == Status.RUNNING && pace != null && pace[1] > 0) {
                    runningLeft.add(new double[] {Math.max(0, total - pace[0]), pace[1]});
                } else {
                    waitingLeft.add(Math.max(0, total - (pace == null ? 0 : (long) pace[0])));
                }
            }
            double seconds = etaSeconds(runningLeft, waitingLeft);
            double elapsedMin = (System.nanoTime() - start) / 6e10;
            String eta = !Double.isNaN(seconds) ? "ETA " + duration(seconds) + " (from the running runs' step rates)"
                    : done == 0 ? "ETA after the first run"
                    : String.format(Locale.ROOT, "ETA %.0f min", elapsedMin / done * (pending.size() - done));
            String line = String.format(Locale.ROOT, "sweep %s: %d done, %d running, %d failed, %d waiting of %d; %s", sweep.file().name(), done,
                    running, failed, pending.size() - done - running - failed, pending.size(), eta);
            if (!line.equals(last[0])) {
                console.err().println(line);
                last[0] = line;
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return s;
    }

    /** A run's last logged training step and its rate then (steps/s), from its metrics; null before its first record. */
    private static double[] pace(Path dir) {
        try {
            JsonNode t = MetricsLog.lastOfType(dir).get("train");
            return t == null ? null : new double[] {t.path("step").asDouble(), t.path("steps_per_s").asDouble(0)};
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Seconds until every run is done: each running run finishes its steps left at its own rate; the waiting runs' steps
     * go at the running runs' mean rate into the slots that free up, taken as evenly shared. NaN when no run is running yet.
     *
     * @param running per running run {steps left, steps/s}
     * @param waiting steps left per waiting run
     */
    static double etaSeconds(List<double[]> running, List<Long> waiting) {
        if (running.isEmpty()) {
            return Double.NaN;
        }
        double meanRate = running.stream().mapToDouble(r -> r[1]).average().orElseThrow();
        double longest = 0;
        double work = 0; // slot-seconds
        for (double[] r : running) {
            longest = Math.max(longest, r[0] / r[1]);
            work += r[0] / r[1];
        }
        for (long w : waiting) {
            work += w / meanRate;
        }
        return Math.max(longest, work / running.size());
    }

    /** {@code 1 h 05 min}, {@code 12 min}. */
    static String duration(double seconds) {
        long minutes = Math.round(seconds / 60);
        return minutes >= 60 ? String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60) : minutes + " min";
    }

    /** {@code out/sweep.json}: the sweep's name, file and every run with its directory, hash and axes. */
    private static void writeIndex(Sweep sweep, Path out) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("name", sweep.file().name());
        index.put("file", sweep.file().file() == null ? null : sweep.file().file().toAbsolutePath().toString());
        index.put("axes", sweep.axisValues());
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Sweep.Point p : sweep.points()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("dir", out.relativize(p.run().dir()).toString());
            r.put("hash", p.run().hash());
            r.put("attention", p.run().attention());
            r.put("seed", p.run().seed());
            r.put("axes", p.axes());
            runs.add(r);
        }
        index.put("runs", runs);
        Json.write(out.resolve("sweep.json"), index);
    }
}
