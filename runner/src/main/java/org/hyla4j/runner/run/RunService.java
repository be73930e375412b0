package org.hyla4j.runner.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hyla4j.runner.base.IoProblem;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.api.task.Task;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.core.train.Checkpoint;
import org.hyla4j.core.train.Evaluator;
import org.hyla4j.core.train.StopSignal;
import org.hyla4j.core.train.TrainingListener;
import org.hyla4j.core.train.TrainingLoop;
import org.hyla4j.runner.base.Console;
import org.hyla4j.runner.plugins.Catalog;

/**
 * Runs one (variant, seed) training run in its directory: {@code config.json}, {@code provenance.json},
 * {@code metrics.jsonl}, {@code checkpoint.bin} and, when finished, {@code result.json}.
 */
public final class RunService {

    private final Catalog catalog;
    private final Console console;

    @Inject
    public RunService(Catalog catalog, Console console) {
        this.catalog = catalog;
        this.console = console;
    }

    /** The resolved single-run configuration in a run directory. */
    public static final String CONFIG = "config.json";

    /** Directory of the kept checkpoints, one per checkpointed step ({@code step-N.bin}), for {@code latent --checkpoint}. */
    public static final String KEPT = "checkpoints";

    /** Keeps a copy of the checkpoint just written, named by its step. */
    static void keepCopy(Path dir, Path checkpoint, long step) {
        try {
            Path kept = Files.createDirectories(dir.resolve(KEPT)).resolve("step-" + step + ".bin");
            Files.copy(checkpoint, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep checkpoint of step " + step + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code dir} (and parents) or fails with a usage error if it cannot be written. */
    public static Path prepare(Path dir) {
        UsageException.check(!Files.exists(dir) || Files.isDirectory(dir), "output directory %s exists and is not a directory", dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("cannot create output directory " + dir + ": " + IoProblem.describe(e));
        }
        UsageException.check(Files.isWritable(dir), "output directory %s is not writable", dir);
        return dir;
    }

    /** Reads a finished run's result, or null if the run has not finished. */
    public static RunResult finished(Path dir) {
        Path f = dir.resolve(RunResult.FILE);
        if (!Files.exists(f)) {
            return null;
        }
        try {
            return Json.PRETTY.treeToValue(Json.read(f), RunResult.class);
        } catch (IOException e) {
            throw new UsageException("corrupt " + f + ": " + Json.problem(e));
        }
    }

    /**
     * Trains {@code attentionId} with root seed {@code seed} in {@code dir}; continues from the
     * checkpoint there when {@code resume} is set.
     */
    public RunResult train(RunConfig config, String attentionId, long seed, Path dir, boolean resume) {
        return train(config, attentionId, seed, dir, resume, new StopSignal(), console.interactive());
    }

    /**
     * As {@link #train(RunConfig, String, long, Path, boolean)}, stopping (with a checkpoint) when {@code stop}
     * is requested by the caller or by SIGINT/SIGTERM; {@code bars} draws a progress bar (only one run at a time
     * may draw one on a terminal), otherwise progress goes as log lines.
     */
    public RunResult train(RunConfig config, String attentionId, long seed, Path dir, boolean resume, StopSignal stop, boolean bars) {
        prepare(dir);
        try (RunClaim claim = RunClaim.acquire(dir, Duration.ZERO).onLost(stop::request)) {
            return trainClaimed(config, attentionId, seed, dir, resume, stop, bars);
        }
    }

    /**
     * Trains the run of a run directory whatever state it is in: waits up to {@code claimWait} for another process that holds
     * the directory (a retried task may start while the attempt it replaces is still saving its checkpoint), then resumes
     * from the checkpoint if there is one, or starts. What executors call.
     */
    public RunResult trainOrResume(RunConfig config, String attentionId, long seed, Path dir, StopSignal stop, boolean bars, Duration claimWait) {
        prepare(dir);
        try (RunClaim claim = RunClaim.acquire(dir, claimWait).onLost(stop::request)) {
            RunResult done = finished(dir);
            if (done != null) {
                console.err().printf("[%s seed %d] finished meanwhile by another process, reusing %s%n", attentionId, seed, dir);
                return done;
            }
            return trainClaimed(config, attentionId, seed, dir, lastGoodCheckpoint(dir, attentionId + " seed " + seed), stop, bars);
        }
    }

    /**
     * Whether the run in {@code dir} has a checkpoint to resume from. A damaged {@code checkpoint.bin} (a disk that lost its
     * tail, a copy cut short) is replaced by the newest intact kept copy ({@code checkpoints/step-N.bin}), or set aside so the
     * run starts again; each case says so.
     */
    boolean lastGoodCheckpoint(Path dir, String label) {
        Path checkpoint = dir.resolve(Checkpoint.FILE);
        if (!Files.exists(checkpoint)) {
            return false;
        }
        if (Checkpoint.verify(checkpoint) >= 0) {
            return true;
        }
        try {
            Files.move(checkpoint, dir.resolve(Checkpoint.FILE + ".corrupt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            List<Path> kept = new java.util.ArrayList<>();
            if (Files.isDirectory(dir.resolve(KEPT))) {
                try (var s = Files.list(dir.resolve(KEPT))) {
                    s.filter(p -> p.getFileName().toString().matches("step-\\d+\\.bin")).forEach(kept::add);
                }
            }
            kept.sort(java.util.Comparator.comparingLong((Path p) -> Long.parseLong(p.getFileName().toString().replaceAll("\\D", ""))).reversed());
            for (Path k : kept) {
                long step = Checkpoint.verify(k);
                if (step >= 0) {
                    Files.copy(k, checkpoint);
                    console.err().printf("[%s] %s was damaged (kept as %s.corrupt); resuming from the kept checkpoint of step %d%n", label,
                            checkpoint, Checkpoint.FILE, step);
                    return true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover the checkpoint in " + dir + ": " + e.getMessage(), e);
        }
        console.err().printf("[%s] %s was damaged (kept as %s.corrupt) and no intact kept copy exists; starting again%n", label, checkpoint,
                Checkpoint.FILE);
        return false;
    }

    /**
     * A run directory resumes only the experiment it started (docs/sweeps.md): its config.json, read with the legacy values
     * of settings it predates, must be the same experiment as {@code single}, or the run would continue under another
     * training regime (decay mask, split, schedule). Fails with the differing settings named.
     */
    public static void checkResumable(Path dir, RunConfig single, Catalog catalog) {
        Path saved = dir.resolve(CONFIG);
        if (!Files.exists(saved)) {
            return;
        }
        RunConfig before = RunConfig.read(saved, catalog);
        if (before.sameExperimentAs(single)) {
            return;
        }
        var was = before.experiment();
        var now = single.experiment();
        List<String> differ = new java.util.ArrayList<>();
        java.util.Set<String> fields = new java.util.TreeSet<>();
        was.fieldNames().forEachRemaining(fields::add);
        now.fieldNames().forEachRemaining(fields::add);
        for (String f : fields) {
            if (!java.util.Objects.equals(was.get(f), now.get(f))) {
                differ.add(f + " " + (was.has(f) ? was.get(f) : "(legacy)") + " -> " + (now.has(f) ? now.get(f) : "(legacy)"));
            }
        }
        throw new UsageException(dir + " holds a run of another experiment and is not resumed under this one (" + String.join(", ", differ)
                + "); train it in a new directory");
    }

    private RunResult trainClaimed(RunConfig config, String attentionId, long seed, Path dir, boolean resume, StopSignal stop, boolean bars) {
        AttentionLayer attention = catalog.attention().get(attentionId);
        Task task = catalog.tasks().get(config.task());
        TaskInstance instance = config.taskInstance(catalog, seed);
        Engine engine = EngineSetup.start(config.threads());
        Device device = EngineSetup.device(engine, config.device());
        Path checkpoint = dir.resolve(Checkpoint.FILE);
        UsageException.check(!resume || Files.exists(checkpoint) || Files.exists(dir.resolve(RunResult.FILE)),
                "nothing to resume in %s: no %s", dir, Checkpoint.FILE);
        RunConfig single = config.single(attentionId, seed, catalog);
        if (resume) {
            checkResumable(dir, single, catalog);
        }
        Json.write(dir.resolve(CONFIG), single);
        Map<String, Object> provenance = Provenance.of(List.of(task, attention), seed, config.threads(), device, engine);
        provenance.put(Provenance.REGIME, Provenance.regime(config.decayMask(), instance.options()));
        Json.write(dir.resolve("provenance.json"), resume ? Provenance.resumed(dir.resolve("provenance.json"), provenance) : provenance);
        String label = attentionId + " seed " + seed;
        TrainingLoop.Result r;
        double wall;
        try (MetricsLog log = new MetricsLog(dir.resolve(MetricsLog.FILE), Math.max(1, Math.min(100, config.steps() / 50)));
                Progress progress = new Progress(bars ? console : new Console(console.out(), console.err(), false), label);
                Interrupts hook = Interrupts.install(stop)) {
            TrainingListener keep = new TrainingListener() {
                @Override
                public void onCheckpoint(long step, double seconds) {
                    keepCopy(dir, checkpoint, step);
                }
            };
            r = new TrainingLoop(instance, attention, config.model(instance), config.training(seed), device)
                    .run(checkpoint, resume, new CompositeListener(List.of(log, progress, keep)), stop);
            wall = log.wallSeconds();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            stop.acknowledge();
        }
        RunResult result = new RunResult(attentionId, seed, r.steps(), r.metrics(),
                new Evaluator(instance, seed, config.evalExamples()).baselines(), r.parameterCount(), wall, device.toString());
        Json.write(dir.resolve(RunResult.FILE), result);
        return result;
    }
}
