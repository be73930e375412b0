package org.hyla4j.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.hyla4j.api.attention.FlaxInitializer;
import org.hyla4j.api.attention.AttentionBlock;
import org.hyla4j.api.attention.AttentionConfig;
import org.hyla4j.api.attention.AttentionLayer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One attention layer, forward and forward + backward, per variant at the paper's shapes (fuzzy logic:
 * B 128, T 32, D 128, H 8, d 2; SRAVEN: B 128, T 36, D 128, H 16, d 4), in training mode with the
 * attention dropout of the paper's code. Every invocation works in its own sub-manager, as a training
 * step does, so native memory is freed each time.
 *
 * <p>Run with {@code benchmarks/jmh}; add ablations with {@code -p variant=ID,...}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.graph_optimizer=false", "-Dai.djl.pytorch.num_interop_threads=1"})
public class AttentionLayerBenchmark {

    /** The paper's attention shapes. */
    enum PaperShape {
        fuzzylogic(128, 32, 128, 8, 2), sraven(128, 36, 128, 16, 4);

        final int batch;
        final int seqLen;
        final int modelDim;
        final int heads;
        final int headDim;

        PaperShape(int batch, int seqLen, int modelDim, int heads, int headDim) {
            this.batch = batch;
            this.seqLen = seqLen;
            this.modelDim = modelDim;
            this.heads = heads;
            this.headDim = headDim;
        }
    }

    @Param({"softmax_attention", "linear_attention", "linear_hypatt"})
    String variant;

    @Param({"fuzzylogic", "sraven"})
    String shape;

    NDManager manager;
    AttentionBlock block;
    ParameterStore ps;
    NDArray x;
    NDArray dropoutMask;

    @Setup
    public void setUp() {
        PaperShape s = PaperShape.valueOf(shape);
        AttentionLayer layer = ServiceLoader.load(AttentionLayer.class).stream().map(ServiceLoader.Provider::get)
                .filter(l -> l.id().equals(variant)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown attention variant " + variant));
        manager = NDManager.newBaseManager();
        int qk = s.heads * s.headDim;
        block = layer.create(new AttentionConfig(s.modelDim, s.heads, qk, qk, s.seqLen, false, AttentionConfig.DEFAULT_ATTENTION_DROPOUT));
        Shape input = new Shape(s.batch, s.seqLen, s.modelDim);
        FlaxInitializer.initialize(block, manager, input, 1);
        block.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(true));
        ps = new ParameterStore(manager, false);
        manager.getEngine().setRandomSeed(7);
        x = manager.randomNormal(input);
        // a fixed keep-mask with the rate's scaling, shared over batch and heads as in training
        dropoutMask = manager.randomUniform(0f, 1f, new Shape(1, 1, s.seqLen, s.seqLen)).gte(AttentionConfig.DEFAULT_ATTENTION_DROPOUT)
                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false).div(1f - AttentionConfig.DEFAULT_ATTENTION_DROPOUT);
    }

    @TearDown
    public void tearDown() {
        manager.close();
    }

    /** Forward pass in training mode; returns the sum of the output (read back, so the work is done). */
    @Benchmark
    public float forward() {
        try (NDManager step = manager.newSubManager()) {
            NDArray in = step.create(x.getShape());
            x.copyTo(in);
            NDArray out = block.forward(ps, in, dropoutMask, true).output();
            return out.sum().getFloat();
        }
    }

    /** Forward and backward pass (gradients of the output's sum w.r.t. every parameter). */
    @Benchmark
    public float forwardBackward() {
        try (NDManager step = manager.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray in = step.create(x.getShape());
            x.copyTo(in);
            NDArray loss = block.forward(ps, in, dropoutMask, true).output().sum();
            gc.backward(loss);
            return loss.getFloat();
        }
    }
}
