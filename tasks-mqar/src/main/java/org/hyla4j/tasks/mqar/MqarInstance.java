package org.hyla4j.tasks.mqar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hyla4j.api.InvalidSettingException;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.Classification;
import org.hyla4j.api.task.ClassificationTask;
import org.hyla4j.api.task.LatentProbe;
import org.hyla4j.api.task.MetricAccumulator;
import org.hyla4j.api.task.SplitRandom;

/**
 * MQAR (docs/model.md §9.2). Tokens (one-hot, vocab_size + 1 wide): keys are 0..K−1, values K..2K−1 (K = vocab_size / 2),
 * and one blank token. A sequence is {@code k1 v1 … kN vN}, blanks, then Q queries (distinct keys of the pairs, in random
 * order); the readout at the Q query positions predicts each query's value among the K values. Attention is causal: a query
 * sees the pairs and the queries before it.
 *
 * <p>Splits: each key has a set of held-out values, drawn from the root seed ({@code frac_ood} of the K values, at least one
 * and not all). {@code train} and {@code test} bind keys only to values not held out for them; {@code ood} binds every
 * key to a held-out value, so each query asks for a binding never seen in training.
 */
final class MqarInstance implements ClassificationTask {

    private static final List<String> SPLITS = List.of("train", "test", "ood");

    private final Map<String, String> options;
    private final int n;
    private final int q;
    private final int k;
    private final int t;
    private final int blank;
    private final int[][] seenValues;
    private final int[][] heldOutValues;

    /** One sequence: its keys and values (value indices 0..K−1) in order, and which pairs are queried, in query order. */
    record Example(int[] keys, int[] values, int[] queried) {
    }

    MqarInstance(Map<String, String> options, int pairs, int queries, int vocab, int seqLen, double fracOod, long seed) {
        this.options = options;
        this.n = pairs;
        this.q = queries;
        this.k = vocab / 2;
        this.t = seqLen;
        this.blank = 2 * k;
        int held = Math.min(k - 1, Math.max(1, (int) Math.round(fracOod * k)));
        InvalidSettingException.check(k >= 2, "vocab_size %d leaves fewer than 2 values", vocab);
        seenValues = new int[k][];
        heldOutValues = new int[k][];
        SplittableRandom r = SplitRandom.of("mqar", seed, "bindings", 0);
        for (int key = 0; key < k; key++) {
            int[] values = new int[k];
            for (int i = 0; i < k; i++) {
                values[i] = i;
            }
            SplitRandom.shuffle(values, r);
            heldOutValues[key] = java.util.Arrays.copyOfRange(values, 0, held);
            seenValues[key] = java.util.Arrays.copyOfRange(values, held, k);
            java.util.Arrays.sort(heldOutValues[key]);
            java.util.Arrays.sort(seenValues[key]);
        }
    }

    @Override
    public Map<String, String> options() {
        return options;
    }

    @Override
    public int inputDim() {
        return 2 * k + 1;
    }

    @Override
    public int outputDim() {
        return k;
    }

    @Override
    public int seqLen() {
        return t;
    }

    @Override
    public int readoutPositions() {
        return q;
    }

    /** Causal: a query sees the pairs, the blanks and the queries before it, as in a language model. */
    @Override
    public boolean causal() {
        return true;
    }

    /** Key–value bindings each split draws from. */
    @Override
    public Map<String, Integer> splitSizes() {
        int held = heldOutValues[0].length * k;
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("train", k * k - held);
        m.put("test", k * k - held);
        m.put("ood", held);
        return m;
    }

    @Override
    public String headlineMetric() {
        return "acc";
    }

    /** The values key {@code key} may be bound to in {@code split}. */
    int[] values(String split, int key) {
        return split.equals("ood") ? heldOutValues[key] : seenValues[key];
    }

    @Override
    public Batch sample(String split, long seed, long step, int batchSize) {
        SplittableRandom rng = SplitRandom.of("mqar", SPLITS, seed, split, step);
        int width = inputDim();
        float[] inputs = new float[batchSize * t * width];
        float[] targets = new float[batchSize * q];
        List<Example> examples = new ArrayList<>(batchSize);
        int[] allKeys = new int[k];
        int[] order = new int[n];
        for (int b = 0; b < batchSize; b++) {
            for (int i = 0; i < k; i++) {
                allKeys[i] = i;
            }
            SplitRandom.shuffle(allKeys, rng);
            int[] keys = java.util.Arrays.copyOf(allKeys, n);
            int[] values = new int[n];
            for (int p = 0; p < n; p++) {
                int[] allowed = values(split, keys[p]);
                values[p] = allowed[rng.nextInt(allowed.length)];
            }
            for (int p = 0; p < n; p++) {
                order[p] = p;
            }
            SplitRandom.shuffle(order, rng);
            int[] queried = java.util.Arrays.copyOf(order, q);
            int base = b * t;
            for (int p = 0; p < n; p++) {
                inputs[(base + 2 * p) * width + keys[p]] = 1f;
                inputs[(base + 2 * p + 1) * width + k + values[p]] = 1f;
            }
            for (int pos = 2 * n; pos < t - q; pos++) {
                inputs[(base + pos) * width + blank] = 1f;
            }
            for (int j = 0; j < q; j++) {
                inputs[(base + t - q + j) * width + keys[queried[j]]] = 1f;
                targets[b * q + j] = values[queried[j]];
            }
            examples.add(new Example(keys, values, queried));
        }
        return new Batch(batchSize, t, width, inputs, targets, examples);
    }

    @Override
    public MetricAccumulator metrics() {
        return Classification.accuracy(q, k, "acc", "acc_all"); // acc: per query; acc_all: every query of a sequence
    }

    /** Chance, and the best guess without recall: the value seen most often in the sequence. */
    @Override
    public Map<String, Double> baselines(Batch batch) {
        long right = 0;
        for (int b = 0; b < batch.size(); b++) {
            Example e = (Example) batch.examples().get(b);
            int[] count = new int[k];
            int majority = 0;
            for (int v : e.values()) {
                count[v]++;
                majority = count[v] > count[majority] || count[v] == count[majority] && v < majority ? v : majority;
            }
            for (int j = 0; j < q; j++) {
                right += e.values()[e.queried()[j]] == majority ? 1 : 0;
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("baseline_chance_acc", 1.0 / k);
        m.put("baseline_context_majority_acc", (double) right / ((double) batch.size() * q));
        return m;
    }

    @Override
    public Map<String, Object> describe(Batch batch, int index) {
        Example e = (Example) batch.examples().get(index);
        List<int[]> pairs = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            pairs.add(new int[] {e.keys()[p], k + e.values()[p]});
        }
        int[] queries = new int[q];
        int[] answers = new int[q];
        for (int j = 0; j < q; j++) {
            queries[j] = e.keys()[e.queried()[j]];
            answers[j] = k + e.values()[e.queried()[j]];
        }
        Map<String, Object> latent = new LinkedHashMap<>();
        latent.put("pairs", pairs);
        latent.put("queried_pairs", e.queried());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latent", latent);
        m.put("inputs", Map.of("pairs", pairs, "blanks", t - 2 * n - q, "queries", queries));
        m.put("target", answers);
        return m;
    }

    /**
     * The code of the last query attending to every key token of the pairs; the label is which pair that query asks for.
     * Recall by attention shows as a code that singles out the matching key.
     */
    @Override
    public LatentProbe latentProbe() {
        int[] keyPositions = new int[n];
        for (int p = 0; p < n; p++) {
            keyPositions[p] = 2 * p;
        }
        return new LatentProbe(t - 1, keyPositions, "train", "ood", List.of("queried_pair"));
    }

    @Override
    public int[] latentLabels(Batch batch, int index) {
        Example e = (Example) batch.examples().get(index);
        return new int[] {e.queried()[q - 1]};
    }
}
