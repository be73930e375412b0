package org.hyla4j.core.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.hyla4j.core.nn.HylaTransformer;
import org.hyla4j.core.nn.ModelOutput;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.LatentProbe;
import org.hyla4j.api.task.TaskInstance;

/**
 * The latent code of a trained model at the positions a task's {@link LatentProbe} names (docs/model.md §6):
 * per layer, the normalised scores across heads A[b, :, q, k] for the probe's query q and keys k, taken
 * after σ and without dropout, flattened key-major (k₀: h₀..h_{H−1}, k₁: …).
 *
 * @param features per layer, (N, |keys|·H) row-major
 * @param labels per label name of the probe, N labels
 * @param heads H
 */
public record LatentCodes(List<float[]> features, List<int[]> labels, int heads) {

    /** Number of examples N. */
    public int size() {
        return labels.isEmpty() ? 0 : labels.get(0).length;
    }

    /** Width of one layer's code, |keys|·H. */
    public int width() {
        return features.get(0).length / Math.max(1, size());
    }

    /**
     * Collects the codes of {@code examples} examples of {@code split}, drawn from {@code seed} (no dropout).
     */
    public static LatentCodes collect(HylaTransformer model, TaskInstance task, String split, long seed, int examples,
            NDManager manager) {
        LatentProbe probe = task.latentProbe();
        int layers = model.config().layers();
        int h = model.config().numHeads();
        int keys = probe.keys().length;
        List<float[]> features = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            features.add(new float[examples * keys * h]);
        }
        List<int[]> labels = new ArrayList<>();
        for (int i = 0; i < probe.labelNames().size(); i++) {
            labels.add(new int[examples]);
        }
        int done = 0;
        for (int step = 0; done < examples; step++) {
            Batch b = task.sample(split, seed, step, Math.min(256, examples - done));
            try (NDManager sub = manager.newSubManager()) {
                NDArray x = sub.create(b.inputs(), new Shape(b.size(), b.seqLen(), b.inputDim()));
                ModelOutput out = model.forward(new ParameterStore(sub, false), x, null, false, true);
                int t = b.seqLen();
                for (int l = 0; l < layers; l++) {
                    float[] a = out.codes().get(l).toFloatArray(); // (B, H, T, T)
                    for (int i = 0; i < b.size(); i++) {
                        for (int k = 0; k < keys; k++) {
                            for (int hh = 0; hh < h; hh++) {
                                features.get(l)[((done + i) * keys + k) * h + hh] =
                                        a[((i * h + hh) * t + probe.query()) * t + probe.keys()[k]];
                            }
                        }
                    }
                }
            }
            for (int i = 0; i < b.size(); i++) {
                int[] lab = task.latentLabels(b, i);
                for (int j = 0; j < lab.length; j++) {
                    labels.get(j)[done + i] = lab[j];
                }
            }
            done += b.size();
        }
        return new LatentCodes(features, labels, h);
    }
}
