package org.hyla4j.runner.bench;

import org.hyla4j.runner.base.ProcessMemory;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hyla4j.api.attention.FlaxInitializer;
import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.api.attention.ComposedAttentionLayer;
import org.hyla4j.core.nn.HylaTransformer;
import org.hyla4j.core.nn.ModelConfig;
import org.hyla4j.core.nn.Models;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.core.train.AdamW;
import org.hyla4j.core.train.DecayMask;
import org.hyla4j.core.train.TrainingStep;

/**
 * Times full training steps (data generation, forward, backward, AdamW) the way {@code TrainingLoop}
 * runs them, after a warm-up, and relates them to the fp32 matmul peak measured in the same process.
 */
public final class StepBenchmark {

    /**
     * One benchmarked model; written to JSON as one flat object with snake_case keys.
     *
     * @param attention variant id, or {@code djl_transformer_encoder} for the peer row
     * @param time step and data-generation times
     * @param compute FLOPs, throughput and MFU
     * @param memory resident memory
     * @param parameters trained scalars
     */
    @JsonPropertyOrder({"attention"})
    public record Row(String attention, @JsonUnwrapped Time time, @JsonUnwrapped Compute compute, @JsonUnwrapped Memory memory,
            long parameters) {
    }

    /**
     * Step times, in milliseconds.
     *
     * @param stepMs median step time
     * @param stepMsP10 10th percentile
     * @param stepMsP90 90th percentile
     * @param dataMs median data-generation time per batch
     * @param dataShare dataMs / stepMs
     */
    public record Time(double stepMs, double stepMsP10, double stepMsP90, double dataMs, double dataShare) {
    }

    /**
     * What the steps computed.
     *
     * @param gflopPerStep model FLOPs per step (forward + backward), in GFLOP
     * @param gflops achieved GFLOP/s at the median step
     * @param mfu gflops / the measured matmul peak
     * @param tokensPerS tokens processed per second
     */
    public record Compute(double gflopPerStep, double gflops, double mfu, double tokensPerS) {
    }

    /**
     * Resident memory.
     *
     * @param rssMb resident set size at the end
     * @param rssGrowthPct RSS growth from the end of the warm-up to the end, in percent
     */
    public record Memory(double rssMb, double rssGrowthPct) {
    }

    private final TaskInstance task;
    private final ModelConfig config;
    private final int batch;
    private final int warmupSteps;
    private final int steps;
    private final double peakGflops;
    private java.nio.file.Path profileDir;
    private final java.util.Map<String, List<OpProfile.Op>> profiles = new java.util.LinkedHashMap<>();

    /** The attention id of the DJL TransformerEncoderBlock peer row. */
    public static final String PEER = "djl_transformer_encoder";

    /** Steps run under the operator profiler after the timed ones, when profiling. */
    public static final int PROFILED_STEPS = 5;

    public StepBenchmark(TaskInstance task, ModelConfig config, int batch, int warmupSteps, int steps, double peakGflops) {
        this.task = task;
        this.config = config;
        this.batch = batch;
        this.warmupSteps = warmupSteps;
        this.steps = steps;
        this.peakGflops = peakGflops;
    }

    /**
     * After timing each variant, also runs {@link #PROFILED_STEPS} steps under PyTorch's operator profiler and
     * writes {@code DIR/VARIANT.trace.json} (the timed steps are never profiled).
     */
    public StepBenchmark profileInto(java.nio.file.Path dir) {
        this.profileDir = dir;
        return this;
    }

    /** Self time per operator of each profiled variant, in run order. */
    public java.util.Map<String, List<OpProfile.Op>> profiles() {
        return profiles;
    }

    /** The median GFLOP/s of a 1024³ fp32 matmul through the engine, on the current threads. */
    public static double matmulPeak(Device device) {
        try (NDManager m = Engine.getInstance().newBaseManager(device)) {
            NDArray a = m.randomUniform(-1f, 1f, new Shape(1024, 1024));
            NDArray b = m.randomUniform(-1f, 1f, new Shape(1024, 1024));
            double[] ms = new double[15];
            for (int i = -3; i < ms.length; i++) {
                long t0 = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0); // forces completion on asynchronous devices
                }
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            return 2.0 * 1024 * 1024 * 1024 / (percentile(ms, 50) / 1e3) / 1e9;
        }
    }

    /** Benchmarks a hyla4j transformer with {@code attention}. */
    public Row run(AttentionLayer attention, Device device) {
        int contractions = attention instanceof ComposedAttentionLayer c && !c.target().id().equals("default") ? 2 : 1;
        try (NDManager m = Engine.getInstance().newBaseManager(device)) {
            HylaTransformer model = Models.build(m, config, attention, 1);
            return time(attention.id(), model, m, (ps, x, masks) -> model.forward(ps, x, masks, true, false).prediction(),
                    FlopCounter.trainingStep(config, batch, task.seqLen(), contractions));
        }
    }

    /** Benchmarks DJL's own TransformerEncoderBlock at the same width, heads and MLP. */
    public Row runPeer(Device device) {
        try (NDManager m = Engine.getInstance().newBaseManager(device)) {
            PeerTransformer model = new PeerTransformer(config);
            FlaxInitializer.initialize(model, m, new Shape(batch, task.seqLen(), config.inputDim()), 1);
            // DJL's block uses per-head width D/H for q, k and v
            ModelConfig peer = config.toBuilder().qkDim(config.modelDim()).vDim(config.modelDim()).causal(false).attentionDropout(0f).build();
            return time(PEER, model, m, (ps, x, masks) -> model.forward(ps, x, true),
                    FlopCounter.trainingStep(peer, batch, task.seqLen(), 1));
        }
    }

    private Row time(String name, Block model, NDManager m, TrainingStep.Forward forward, double flops) {
        List<Pair<String, Parameter>> params = new ArrayList<>();
        model.getParameters().forEach(p -> {
            if (p.getValue().requiresGradient()) { // not running statistics of DJL's normalisation blocks
                params.add(p);
            }
        });
        params.forEach(p -> p.getValue().getArray().setRequiresGradient(true));
        AdamW adam = new AdamW(params, 0.1, DecayMask.PAPER, m);
        double[] stepMs = new double[steps];
        double[] dataMs = new double[steps];
        double rssStart = 0;
        for (int s = -warmupSteps; s < steps; s++) {
            if (s == 0) {
                rssStart = ProcessMemory.rssMb();
            }
            long t0 = System.nanoTime();
            Batch b = task.sample(task.splits().get(0), 7, s + warmupSteps, batch);
            long t1 = System.nanoTime();
            TrainingStep.run(m, task, b, forward, adam, 1e-4, 3, s + warmupSteps, config.layers(), config.attentionDropout(), false);
            if (s >= 0) {
                stepMs[s] = (System.nanoTime() - t0) / 1e6;
                dataMs[s] = (t1 - t0) / 1e6;
            }
        }
        double rssEnd = ProcessMemory.rssMb();
        if (profileDir != null) {
            java.nio.file.Path trace = profileDir.resolve(name + ".trace.json");
            OpProfile.start();
            for (int s = 0; s < PROFILED_STEPS; s++) {
                Batch b = task.sample(task.splits().get(0), 7, steps + warmupSteps + s, batch);
                TrainingStep.run(m, task, b, forward, adam, 1e-4, 3, steps + warmupSteps + s, config.layers(), config.attentionDropout(), false);
            }
            OpProfile.stop(trace);
            try {
                profiles.put(name, OpProfile.summarise(trace));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read the profile " + trace + ": " + e.getMessage(), e);
            }
        }
        double median = percentile(stepMs, 50);
        double data = percentile(dataMs, 50);
        double gflops = flops / 1e9 / (median / 1e3);
        return new Row(name, new Time(median, percentile(stepMs, 10), percentile(stepMs, 90), data, data / median),
                new Compute(flops / 1e9, gflops, gflops / peakGflops, batch * (double) task.seqLen() / (median / 1e3)),
                new Memory(rssEnd, rssStart > 0 ? 100 * (rssEnd - rssStart) / rssStart : Double.NaN), Models.parameterCount(model));
    }

    static double percentile(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = p / 100 * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }
}
