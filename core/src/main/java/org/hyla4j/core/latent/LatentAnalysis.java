package org.hyla4j.core.latent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Decodes latent codes (docs/model.md §6, the paper's Fig. 2B/D and 5A/E/F): per layer, a
 * logistic-regression decoder trained on codes of training tasks predicts each label of held-out tasks
 * (macro-F1, beside chance and beside a decoder trained on shuffled labels); the cosine similarity of the mean code per label.
 */
public final class LatentAnalysis {

    /** Decoder settings: L2 penalty and Adam steps. */
    public static final double LAMBDA = 1e-3;
    public static final int ITERATIONS = 300;

    private LatentAnalysis() {
    }

    /**
     * The decoding result of one (layer, label).
     *
     * @param layer layer index, or −1 for all layers concatenated
     * @param label label name
     * @param f1 macro-F1 on held-out tasks
     * @param chance macro-F1 of guessing uniformly among the training classes (mean of 20 draws)
     * @param shuffled macro-F1 of the same decoder trained on shuffled training labels
     */
    public record Decoding(int layer, String label, double f1, double chance, double shuffled) {
    }

    /** Decodes every label from every layer (and all layers together). */
    public static List<Decoding> decode(LatentCodes train, LatentCodes test, List<String> labelNames, long seed) {
        List<Decoding> out = new ArrayList<>();
        int layers = train.features().size();
        for (int l = -1; l < layers; l++) {
            float[] xtr = l < 0 ? concat(train) : train.features().get(l);
            float[] xte = l < 0 ? concat(test) : test.features().get(l);
            int d = xtr.length / train.size();
            for (int j = 0; j < labelNames.size(); j++) {
                int[] ytr = train.labels().get(j);
                int[] yte = test.labels().get(j);
                double f1 = LogisticRegression.macroF1(yte, LogisticRegression.fit(xtr, d, ytr, LAMBDA, ITERATIONS).predict(xte, d));
                int[] shuffledLabels = ytr.clone();
                org.hyla4j.api.task.SplitRandom.shuffle(shuffledLabels, new SplittableRandom(seed + 31L * j + l));
                double shuffled = LogisticRegression.macroF1(yte,
                        LogisticRegression.fit(xtr, d, shuffledLabels, LAMBDA, ITERATIONS).predict(xte, d));
                out.add(new Decoding(l, labelNames.get(j), f1, chance(ytr, yte, seed), shuffled));
            }
        }
        return out;
    }

    static double chance(int[] train, int[] test, long seed) {
        int[] classes = java.util.Arrays.stream(train).distinct().sorted().toArray();
        SplittableRandom rng = new SplittableRandom(seed);
        double sum = 0;
        for (int r = 0; r < 20; r++) {
            int[] guess = new int[test.length];
            for (int i = 0; i < guess.length; i++) {
                guess[i] = classes[rng.nextInt(classes.length)];
            }
            sum += LogisticRegression.macroF1(test, guess);
        }
        return sum / 20;
    }

    static float[] concat(LatentCodes c) {
        int n = c.size();
        int w = c.width();
        int layers = c.features().size();
        float[] out = new float[n * w * layers];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < layers; l++) {
                System.arraycopy(c.features().get(l), i * w, out, (i * layers + l) * w, w);
            }
        }
        return out;
    }

    /**
     * Cosine similarity of the mean code per label value (labels sorted). With {@code centre}, the overall
     * mean code is subtracted first: codes share a large common component (RMSHead gives every code the
     * same norm), which otherwise pushes every similarity towards 1.
     */
    public static Map<Integer, double[]> cosineOfMeans(float[] x, int d, int[] labels, boolean centre) {
        double[] overall = new double[d];
        if (centre) {
            for (int i = 0; i < labels.length; i++) {
                for (int j = 0; j < d; j++) {
                    overall[j] += x[i * d + j] / (double) labels.length;
                }
            }
        }
        Map<Integer, double[]> means = new TreeMap<>();
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            double[] m = means.computeIfAbsent(labels[i], k -> new double[d]);
            for (int j = 0; j < d; j++) {
                m[j] += x[i * d + j];
            }
            counts.merge(labels[i], 1, Integer::sum);
        }
        means.forEach((k, m) -> {
            for (int j = 0; j < d; j++) {
                m[j] = m[j] / counts.get(k) - overall[j];
            }
        });
        List<Integer> keys = new ArrayList<>(means.keySet());
        Map<Integer, double[]> rows = new LinkedHashMap<>();
        for (int a : keys) {
            double[] row = new double[keys.size()];
            for (int b = 0; b < keys.size(); b++) {
                row[b] = cosine(means.get(a), means.get(keys.get(b)));
            }
            rows.put(a, row);
        }
        return rows;
    }

    static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }
}
