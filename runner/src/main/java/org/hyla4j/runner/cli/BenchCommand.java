package org.hyla4j.runner.cli;

import org.hyla4j.runner.base.Exits;
import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.core.nn.ModelConfig;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.runner.bench.Repeats;
import org.hyla4j.runner.bench.StepBenchmark;
import org.hyla4j.runner.run.EngineSetup;
import org.hyla4j.runner.run.Provenance;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.config.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hyla4j bench}: training-step speed per variant, against the matmul peak and a DJL peer. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time training steps per attention variant after a warm-up: step time (median, p10-p90), tokens/s, "
                + "model FLOPs, GFLOP/s, MFU against a 1024^3 matmul measured in the same run, data-generation share, RSS. "
                + "Adds DJL's TransformerEncoderBlock as a peer row.")
public final class BenchCommand extends Subcommand {

    /** The variants timed unless {@code --attention} names others: softmax and HYLA, whose ratio is the headline. */
    private static final List<String> BENCHED = List.of("softmax_attention", "linear_hypatt");

    @Mixin
    RunOptions options;

    @Mixin
    GridFlags grid = GridFlags.of(String.join(",", BENCHED), null);

    @Option(names = "--warmup-steps", defaultValue = "5", description = "Untimed steps first. Default ${DEFAULT-VALUE}.")
    int warmupSteps;

    @Option(names = "--no-peer", description = "Skip the DJL TransformerEncoderBlock row.")
    boolean noPeer;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the rows as JSON.")
    Path json;

    @Option(names = "--profile", paramLabel = "DIR",
            description = "After timing, profile 5 more steps per variant with PyTorch's operator profiler: writes DIR/VARIANT.trace.json "
                    + "(open in chrome://tracing or Perfetto) and prints the operators with the most self time.")
    Path profile;

    @Option(names = "--repeat", defaultValue = "5", paramLabel = "N",
            description = "Interleaved repetitions (every variant, then the matmul peak, N times): medians with order-statistic intervals "
                    + "and paired ratios. Default ${DEFAULT-VALUE}.")
    int repeat;

    /** The document {@code --json} writes (snake_case keys): the setting, the summary, the paired ratios and every repetition. */
    record Report(String task, String preset, int batch, int seqLen, int threads, String device, String pytorchVersion,
            java.util.Map<String, Object> libtorch, int repeat, int steps, int warmupSteps, List<Repeats.Summary> summary,
            List<Repeats.Ratio> ratios, List<Repetition> repetitions) {
    }

    /** One repetition: the matmul peak measured in it and each variant's row. */
    record Repetition(double peakGflops, List<StepBenchmark.Row> rows) {
    }

    /** HYLA against softmax, and every variant against the DJL peer row, when present. */
    private static List<Repeats.Ratio> ratios(List<List<StepBenchmark.Row>> reps) {
        List<Repeats.Ratio> out = new ArrayList<>();
        out.add(Repeats.ratio(reps, "linear_hypatt", "softmax_attention"));
        reps.get(0).forEach(r -> out.add(r.attention().equals(StepBenchmark.PEER) ? null : Repeats.ratio(reps, r.attention(), StepBenchmark.PEER)));
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    @Override
    public Integer call() {
        // bench measures the paper's shapes over a few steps unless told otherwise
        RunConfig config = RunConfig.builder().preset("paper").steps(20).over(options.builder())
                .attention(grid.attention() == null ? BENCHED : grid.attention()).seeds(List.of(0L)).build(catalog);
        UsageException.check(warmupSteps >= 0, "--warmup-steps must be >= 0");
        Engine engine = EngineSetup.start(config.threads());
        Device device = EngineSetup.device(engine, config.device());
        TaskInstance task = config.taskInstance(catalog, 0);
        ModelConfig model = config.model(task);
        UsageException.check(repeat > 0, "--repeat must be positive, got %d", repeat);
        console.err().printf(Locale.ROOT, "bench %s (preset %s): batch %d, T %d, %d layers, D %d, %d heads; %d threads on %s; "
                + "%d warm-up + %d timed steps per model, %d interleaved repetition(s) of every variant and the matmul peak; PyTorch %s (%s)%n",
                config.task(), config.preset(), config.batch(), task.seqLen(), model.layers(), model.modelDim(), model.numHeads(), config.threads(), device,
                warmupSteps, config.steps(), repeat, engine.getVersion(), Provenance.libtorch(engine).get("source"));
        // A, B, C, peak, A, B, C, peak, ...: drift of a shared machine hits every variant of a repetition alike
        List<List<StepBenchmark.Row>> reps = new ArrayList<>();
        double[] peaks = new double[repeat];
        StepBenchmark bench = null;
        for (int r = 0; r < repeat; r++) {
            peaks[r] = StepBenchmark.matmulPeak(device);
            bench = new StepBenchmark(task, model, config.batch(), warmupSteps, config.steps(), peaks[r]);
            if (profile != null && r == repeat - 1) {
                bench.profileInto(org.hyla4j.runner.run.RunService.prepare(profile));
            }
            List<StepBenchmark.Row> rows = new ArrayList<>();
            for (String id : config.attention()) {
                rows.add(bench.run(catalog.attention().get(id), device));
            }
            if (!noPeer) {
                rows.add(bench.runPeer(device));
            }
            reps.add(rows);
            if (repeat > 1) {
                console.err().printf(Locale.ROOT, "repetition %d of %d done (matmul peak %.1f GFLOP/s)%n", r + 1, repeat, peaks[r]);
            }
        }
        var out = console.out();
        List<StepBenchmark.Row> rows = reps.get(reps.size() - 1);
        out.printf("last repetition:%n");
        out.printf(Locale.ROOT, "%-26s %10s %17s %10s %9s %9s %6s %7s %8s %8s%n", "variant", "step ms", "p10-p90 ms", "tokens/s",
                "GFLOP/st", "GFLOP/s", "MFU", "data %", "RSS MB", "RSS +%");
        for (StepBenchmark.Row r : rows) {
            out.printf(Locale.ROOT, "%-26s %10.1f %8.1f-%-8.1f %10.0f %9.2f %9.1f %5.1f%% %6.2f%% %8.0f %7.1f%%%n", r.attention(), r.time().stepMs(),
                    r.time().stepMsP10(), r.time().stepMsP90(), r.compute().tokensPerS(), r.compute().gflopPerStep(), r.compute().gflops(),
                    100 * r.compute().mfu(), 100 * r.time().dataShare(), r.memory().rssMb(), r.memory().rssGrowthPct());
        }
        Repeats.Interval peak = Repeats.median(peaks);
        out.printf(Locale.ROOT, "matmul peak (1024^3 fp32, %d threads): median %.1f GFLOP/s [%.1f, %.1f]%n", config.threads(), peak.median(),
                peak.lo(), peak.hi());
        List<Repeats.Summary> summary = Repeats.summarise(reps, peaks);
        List<Repeats.Ratio> ratios = ratios(reps);
        out.printf(Locale.ROOT, "%nover %d repetitions: median [%.1f %% interval]%n", repeat, 100 * peak.coverage());
        out.printf(Locale.ROOT, "%-26s %-25s %-20s %12s%n", "variant", "step ms", "MFU", "tokens/s");
        for (Repeats.Summary m : summary) {
            out.printf(Locale.ROOT, "%-26s %8.1f [%6.1f, %6.1f] %6.1f%% [%4.1f, %4.1f] %12.0f%n", m.attention(), m.stepMs().median(), m.stepMs().lo(),
                    m.stepMs().hi(), 100 * m.mfu().median(), 100 * m.mfu().lo(), 100 * m.mfu().hi(), m.tokensPerS().median());
        }
        for (Repeats.Ratio q : ratios) {
            out.printf(Locale.ROOT, "%s / %s step time: %.3f [%.3f, %.3f] (paired)%n", q.numerator(), q.denominator(), q.ratio().median(),
                    q.ratio().lo(), q.ratio().hi());
        }
        bench.profiles().forEach((name, ops) -> {
            out.printf(Locale.ROOT, "%nprofile of %s (%d steps, self time per operator; trace in %s):%n", name, StepBenchmark.PROFILED_STEPS,
                    profile.resolve(name + ".trace.json"));
            out.print(org.hyla4j.runner.bench.OpProfile.table(ops, 15, StepBenchmark.PROFILED_STEPS));
            out.flush();
        });
        if (json != null) {
            List<Repetition> raw = new ArrayList<>();
            for (int r = 0; r < repeat; r++) {
                raw.add(new Repetition(peaks[r], reps.get(r)));
            }
            Json.write(json, Json.SNAKE.valueToTree(new Report(config.task(), config.preset(), config.batch(), task.seqLen(), config.threads(),
                    device.toString(), engine.getVersion(), Provenance.libtorch(engine), repeat, config.steps(), warmupSteps, summary, ratios, raw)));
        }
        return Exits.OK;
    }
}
