package org.hyla4j.runner.cli;

import org.hyla4j.runner.base.Exits;
import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hyla4j.api.UsageException;
import org.hyla4j.core.nn.ModelConfig;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.runner.bench.StepBenchmark;
import org.hyla4j.runner.run.EngineSetup;
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

    @Mixin
    RunOptions options;

    @Option(names = "--attention", split = ",", paramLabel = "ID[,ID...]",
            description = "Variants (default softmax_attention,linear_hypatt).")
    List<String> attention;

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

    @Override
    public Integer call() {
        // bench measures the paper's shapes over a few steps unless told otherwise
        RunConfig config = RunConfig.builder().preset("paper").steps(20).over(options.builder())
                .attention(attention == null ? List.of("softmax_attention", "linear_hypatt") : attention).seeds(List.of(0L)).build(catalog);
        UsageException.check(warmupSteps >= 0, "--warmup-steps must be >= 0");
        Engine engine = EngineSetup.start(config.threads());
        Device device = EngineSetup.device(engine, config.device());
        TaskInstance task = config.taskInstance(catalog, 0);
        ModelConfig model = config.model(task);
        double peak = StepBenchmark.matmulPeak(device);
        console.err().printf(Locale.ROOT, "bench %s (preset %s): batch %d, T %d, %d layers, D %d, %d heads; %d threads on %s; "
                + "matmul peak %.1f GFLOP/s; %d warm-up + %d timed steps%n", config.task(), config.preset(), config.batch(), task.seqLen(),
                model.layers(), model.modelDim(), model.numHeads(), config.threads(), device, peak, warmupSteps, config.steps());
        StepBenchmark bench = new StepBenchmark(task, model, config.batch(), warmupSteps, config.steps(), peak);
        if (profile != null) {
            bench.profileInto(org.hyla4j.runner.run.RunService.prepare(profile));
        }
        List<StepBenchmark.Row> rows = new ArrayList<>();
        for (String id : config.attention()) {
            rows.add(bench.run(catalog.attention().get(id), device));
        }
        if (!noPeer) {
            rows.add(bench.runPeer(device));
        }
        var out = console.out();
        out.printf(Locale.ROOT, "%-26s %10s %17s %10s %9s %9s %6s %7s %8s %8s%n", "variant", "step ms", "p10-p90 ms", "tokens/s",
                "GFLOP/st", "GFLOP/s", "MFU", "data %", "RSS MB", "RSS +%");
        for (StepBenchmark.Row r : rows) {
            out.printf(Locale.ROOT, "%-26s %10.1f %8.1f-%-8.1f %10.0f %9.2f %9.1f %5.1f%% %6.2f%% %8.0f %7.1f%%%n", r.attention(), r.time().stepMs(),
                    r.time().stepMsP10(), r.time().stepMsP90(), r.compute().tokensPerS(), r.compute().gflopPerStep(), r.compute().gflops(),
                    100 * r.compute().mfu(), 100 * r.time().dataShare(), r.memory().rssMb(), r.memory().rssGrowthPct());
        }
        out.printf(Locale.ROOT, "matmul peak (1024^3 fp32, %d threads): %.1f GFLOP/s%n", config.threads(), peak);
        bench.profiles().forEach((name, ops) -> {
            out.printf(Locale.ROOT, "%nprofile of %s (%d steps, self time per operator; trace in %s):%n", name, StepBenchmark.PROFILED_STEPS,
                    profile.resolve(name + ".trace.json"));
            out.print(org.hyla4j.runner.bench.OpProfile.table(ops, 15, StepBenchmark.PROFILED_STEPS));
            out.flush();
        });
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("task", config.task());
            doc.put("preset", config.preset());
            doc.put("batch", config.batch());
            doc.put("seq_len", task.seqLen());
            doc.put("threads", config.threads());
            doc.put("device", device.toString());
            doc.put("peak_gflops", peak);
            doc.put("rows", Json.SNAKE.valueToTree(rows));
            Json.write(json, doc);
        }
        return Exits.OK;
    }
}
