package org.hyla4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hyla4j.api.InvalidSettingException;
import org.hyla4j.api.attention.ComposedAttentionLayer;
import org.hyla4j.api.attention.ScoreNormalizers;
import org.hyla4j.api.attention.TargetNetworks;
import org.hyla4j.core.nn.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrainingLoopTest {

    static final ModelConfig MODEL = ModelConfig.builder().inputDim(ToyRegression.IN).outputDim(1).readoutPositions(1)
            .layers(2).modelDim(16).numHeads(2).qkDim(4).vDim(4).mlpDim(32).seqLen(ToyRegression.T).build();

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("softmax_attention", "softmax", "default"),
                Arguments.of("softmax_hypatt", "softmax", "mlp_relu"),
                Arguments.of("linear_attention", "none", "default"),
                Arguments.of("linear_attention_rms_head", "rms_head", "default"),
                Arguments.of("linear_hypatt", "rms_head", "mlp_relu"),
                Arguments.of("linear_hypatt_no_rms_head", "none", "mlp_relu"),
                Arguments.of("linear_hypatt_mlp_linear", "rms_head", "mlp_linear"),
                Arguments.of("linear_hypatt_mlp_linear_no_rms_head", "none", "mlp_linear"));
    }

    static ComposedAttentionLayer layer(String id, String n, String t) {
        return ComposedAttentionLayer.of(id, id,
                switch (n) {
                    case "softmax" -> ScoreNormalizers.SOFTMAX;
                    case "none" -> ScoreNormalizers.NONE;
                    default -> ScoreNormalizers.RMS_HEAD;
                },
                switch (t) {
                    case "default" -> TargetNetworks.DEFAULT;
                    case "mlp_relu" -> TargetNetworks.MLP_RELU;
                    default -> TargetNetworks.MLP_LINEAR;
                });
    }

    /** Forces collections and fills freed direct memory between steps, as docs/djl.md §7.1's repro does. */
    static final class GcPressure implements TrainingListener {
        final List<Double> losses = new ArrayList<>();

        @Override
        public void onStep(StepReport r) {
            losses.add(r.loss());
            if (r.step() % 5 == 0) {
                System.gc();
                for (int i = 0; i < 2000; i++) {
                    ByteBuffer.allocateDirect(4).putFloat(0, 1234.5f);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void twoHundredStepsLowerTheLossWithoutNaNUnderFrequentGc(String id, String n, String t) {
        GcPressure listener = new GcPressure();
        TrainingConfig cfg = TrainingConfig.builder().steps(200).batch(32).lr(3e-3).weightDecay(0.1).warmup(10)
                .evalEvery(200).evalExamples(256).checkpointEvery(1000).seed(1).build();
        TrainingLoop.Result r = new TrainingLoop(new ToyRegression(), layer(id, n, t), MODEL, cfg).run(null, false, listener, null);
        double first = listener.losses.subList(0, 20).stream().mapToDouble(d -> d).average().orElseThrow();
        double last = listener.losses.subList(180, 200).stream().mapToDouble(d -> d).average().orElseThrow();
        assertThat(listener.losses).allMatch(Double::isFinite);
        assertThat(last).as("%s: mean loss of the last 20 steps vs the first 20", id).isLessThan(0.5 * first);
        assertThat(r.metrics()).containsKeys("test/mse", "ood/mse");
    }

    static final class Recorder implements TrainingListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public boolean wantsGradNorm(long step) {
            return true;
        }

        @Override
        public void onStep(StepReport r) {
            lines.add(r.step() + " " + r.loss() + " " + r.gradNorm());
        }

        @Override
        public void onEval(long step, Map<String, Double> metrics, double seconds) {
            lines.add(step + " " + metrics);
        }
    }

    @Test
    void theGradientNormIsComputedExactlyWhenAListenerAsks() {
        List<Double> norms = new ArrayList<>();
        TrainingListener everyThird = new TrainingListener() {
            @Override
            public boolean wantsGradNorm(long step) {
                return step % 3 == 0;
            }

            @Override
            public void onStep(StepReport r) {
                norms.add(r.gradNorm());
            }
        };
        TrainingConfig cfg = TrainingConfig.builder().steps(9).batch(8).lr(3e-3).weightDecay(0.1).warmup(2)
                .evalEvery(9).evalExamples(64).checkpointEvery(9).seed(1).build();
        new TrainingLoop(new ToyRegression(), layer("softmax_attention", "softmax", "default"), MODEL, cfg).run(null, false, everyThird, null);
        for (int i = 0; i < norms.size(); i++) {
            if ((i + 1) % 3 == 0) {
                assertThat(norms.get(i)).as("step %d", i + 1).isFinite().isPositive();
            } else {
                assertThat(norms.get(i)).as("step %d", i + 1).isNaN();
            }
        }
        assertThat(norms).hasSize(9);
    }

    @Test
    void aResumedRunContinuesBitForBit(@TempDir Path dir) {
        var hyla = layer("linear_hypatt", "rms_head", "mlp_relu");
        TrainingConfig cfg = TrainingConfig.builder().steps(40).batch(16).lr(3e-3).weightDecay(0.1).warmup(5)
                .evalEvery(20).evalExamples(256).checkpointEvery(10).seed(3).build();
        Recorder whole = new Recorder();
        new TrainingLoop(new ToyRegression(), hyla, MODEL, cfg).run(dir.resolve("a.bin"), false, whole, null);

        Path ckpt = dir.resolve("b.bin");
        Recorder firstPart = new Recorder();
        StopSignal stop = new StopSignal();
        TrainingListener stopAt25 = new TrainingListener() {
            @Override
            public boolean wantsGradNorm(long step) {
                return true;
            }

            @Override
            public void onStep(StepReport r) {
                firstPart.onStep(r);
                if (r.step() == 25) {
                    stop.request();
                }
            }

            @Override
            public void onEval(long step, Map<String, Double> metrics, double seconds) {
                firstPart.onEval(step, metrics, seconds);
            }
        };
        assertThatThrownBy(() -> new TrainingLoop(new ToyRegression(), hyla, MODEL, cfg).run(ckpt, false, stopAt25, stop))
                .isInstanceOf(TrainingInterruptedException.class);
        assertThat(Files.exists(ckpt)).isTrue();
        Recorder rest = new Recorder();
        new TrainingLoop(new ToyRegression(), hyla, MODEL, cfg).run(ckpt, true, rest, null);
        List<String> joined = new ArrayList<>(firstPart.lines);
        joined.addAll(rest.lines);
        assertThat(joined).containsExactlyElementsOf(whole.lines);
    }

    @Test
    void aCorruptCheckpointIsAUsageError(@TempDir Path dir) throws Exception {
        var hyla = layer("linear_hypatt", "rms_head", "mlp_relu");
        TrainingConfig cfg = TrainingConfig.builder().steps(5).batch(8).lr(3e-3).weightDecay(0.1).warmup(1)
                .evalEvery(5).evalExamples(256).checkpointEvery(5).seed(3).build();
        Path ckpt = dir.resolve("c.bin");
        new TrainingLoop(new ToyRegression(), hyla, MODEL, cfg).run(ckpt, false, new Recorder(), null);
        byte[] bytes = Files.readAllBytes(ckpt);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(ckpt, bytes);
        assertThatThrownBy(() -> new TrainingLoop(new ToyRegression(), hyla, MODEL, cfg).run(ckpt, true, new Recorder(), null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("corrupt checkpoint");
        Files.write(ckpt, java.util.Arrays.copyOf(bytes, 100));
        assertThatThrownBy(() -> new TrainingLoop(new ToyRegression(), hyla, MODEL, cfg).run(ckpt, true, new Recorder(), null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("truncated");
    }
}
