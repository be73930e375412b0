package org.hyla4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.hyla4j.api.PluginRegistry;
import org.hyla4j.api.InvalidSettingException;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.LatentProbe;
import org.hyla4j.api.task.MetricAccumulator;
import org.hyla4j.api.task.Preset;
import org.hyla4j.api.task.Task;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.api.task.TaskOption;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Task} plugin passes. Subclass it in one small test class and return the
 * task from {@link #task()}.
 */
public abstract class TaskContract {

    /** The plugin under test. */
    protected abstract Task task();

    /** Options used by the contract; defaults unless a subclass needs a smaller setting. */
    protected Map<String, String> options() {
        return Map.of();
    }

    private TaskInstance instance(long seed) {
        return task().configure(options(), seed);
    }

    @Test
    void idIsStableAndDiscoveredByServiceLoader() {
        assertThat(task().id()).matches("[a-z][a-z0-9_]*");
        assertThat(task().description()).isNotBlank();
        PluginRegistry<Task> registry = PluginRegistry.load(Task.class, "task", Thread.currentThread().getContextClassLoader());
        assertThat(registry.get(task().id()).getClass()).isEqualTo(task().getClass());
    }

    @Test
    void optionsHaveDocumentedDefaultsThatConfigure() {
        Map<String, String> defaults = new HashMap<>();
        for (TaskOption o : task().options()) {
            assertThat(o.key()).matches("[a-z][a-z0-9_]*");
            assertThat(o.description()).isNotBlank();
            defaults.put(o.key(), o.defaultValue());
        }
        TaskInstance t = task().configure(defaults, 0);
        assertThat(t.options()).containsAllEntriesOf(defaults);
    }

    @Test
    void hasThePapersSplits() {
        TaskInstance t = instance(0);
        assertThat(t.splits()).contains("train", "test", "ood");
        assertThat(t.splits().get(0)).isEqualTo("train");
        assertThat(t.splits()).containsAll(t.evalSplits());
        assertThat(t.splits()).contains(t.headlineSplit(), t.inDistributionSplit());
        assertThat(t.evalSplits()).contains(t.headlineSplit(), t.inDistributionSplit());
        assertThat(t.splitSizes()).containsKeys("train", "test", "ood");
    }

    @Test
    void batchesHaveTheDeclaredShapes() {
        TaskInstance t = instance(0);
        Batch b = t.sample("train", 1, 0, 5);
        assertThat(b.size()).isEqualTo(5);
        assertThat(b.seqLen()).isEqualTo(t.seqLen());
        assertThat(b.inputDim()).isEqualTo(t.inputDim());
        assertThat(b.inputs()).hasSize(5 * t.seqLen() * t.inputDim());
        assertThat(b.examples()).hasSize(5);
        for (float v : b.inputs()) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }

    @Test
    void batchesAreAPureFunctionOfSeedSplitAndStep() {
        Batch a = instance(3).sample("train", 42, 17, 8);
        Batch b = instance(3).sample("train", 42, 17, 8);
        Batch c = instance(3).sample("train", 42, 18, 8);
        Batch d = instance(3).sample("train", 43, 17, 8);
        assertThat(a.inputs()).containsExactly(b.inputs());
        assertThat(a.targets()).containsExactly(b.targets());
        assertThat(a.inputs()).isNotEqualTo(c.inputs());
        assertThat(a.inputs()).isNotEqualTo(d.inputs());
    }

    @Test
    void unknownSplitsAndOptionsAreUsageErrors() {
        assertThatThrownBy(() -> instance(0).sample("no_such_split", 0, 0, 2))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("no_such_split");
        assertThatThrownBy(() -> task().configure(Map.of("no_such_option", "1"), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("no_such_option");
    }

    @Test
    void lossIsAFiniteScalarWithGradients() {
        TaskInstance t = instance(0);
        Batch b = t.sample("train", 0, 0, 4);
        try (NDManager m = NDManager.newBaseManager()) {
            Random r = new Random(0);
            float[] p = new float[4 * t.readoutPositions() * t.outputDim()];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) r.nextGaussian();
            }
            NDArray pred = m.create(p, new Shape(4, t.readoutPositions(), t.outputDim()));
            pred.setRequiresGradient(true);
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray loss = t.loss(pred, t.targets(m, b));
                assertThat(loss.getShape().isScalar()).isTrue();
                assertThat(Float.isFinite(loss.getFloat())).isTrue();
                gc.backward(loss);
            }
            assertThat(pred.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
        }
    }

    @Test
    void metricsAndBaselinesAreFinite() {
        TaskInstance t = instance(0);
        Batch b = t.sample("test", 0, 0, 16);
        MetricAccumulator acc = t.metrics();
        acc.add(new float[16 * t.readoutPositions() * t.outputDim()], b);
        assertThat(acc.result()).isNotEmpty().containsKey(t.headlineMetric());
        acc.result().values().forEach(v -> assertThat(Double.isFinite(v)).isTrue());
        assertThat(t.baselines(b)).isNotEmpty();
    }

    @Test
    void examplesDescribeTheirLatentAndLatentProbeIsInRange() {
        TaskInstance t = instance(0);
        Batch b = t.sample("train", 0, 0, 2);
        assertThat(t.describe(b, 1)).containsKeys("latent", "inputs", "target");
        LatentProbe probe = t.latentProbe();
        assertThat(probe.query()).isBetween(0, t.seqLen() - 1);
        for (int k : probe.keys()) {
            assertThat(k).isBetween(0, t.seqLen() - 1);
        }
        assertThat(t.splits()).contains(probe.trainSplit(), probe.testSplit());
        assertThat(t.latentLabels(b, 0)).hasSize(probe.labelNames().size());
    }

    @Test
    void presetsAreValid() {
        for (String name : new String[] {Preset.SMALL, Preset.PAPER}) {
            Preset p = task().preset(name);
            assertThat(p.name()).isEqualTo(name);
            assertThat(p.steps()).isPositive();
            assertThat(p.warmup()).isLessThan(p.steps());
            assertThat(p.qkDim() % p.numHeads()).isZero();
            task().configure(p.taskOptions(), 0);
        }
        assertThatThrownBy(() -> task().preset("huge")).isInstanceOf(InvalidSettingException.class);
    }
}
