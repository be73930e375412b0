package org.hyla4j.api.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The parts every classification task shares, for tasks whose readout (B, P, C) holds C logits at each of P positions and
 * whose {@link Batch#targets()} hold one class index per position (B, P): one-hot targets, softmax cross-entropy, and the
 * per-position argmax and log-probability the metrics need. SRAVEN, language modelling and associative recall use it.
 */
public final class Classification {

    private Classification() {
    }

    /** The batch's class indices as one-hot rows (B, P, C) in {@code manager}, for {@link #crossEntropy}. */
    public static NDArray oneHot(NDManager manager, Batch batch, int positions, int classes) {
        float[] oneHot = new float[batch.size() * positions * classes];
        for (int i = 0; i < batch.size() * positions; i++) {
            oneHot[i * classes + (int) batch.targets()[i]] = 1f;
        }
        return manager.create(oneHot, new Shape(batch.size(), positions, classes));
    }

    /**
     * Softmax cross-entropy averaged over B × P, from logits (B, P, C) and one-hot targets (B, P, C). Written as a product with
     * the one-hot array rather than a gather so that its gradient is the plain softmax difference (docs/djl.md §7.3).
     */
    public static NDArray crossEntropy(NDArray logits, NDArray oneHot) {
        return logits.logSoftmax(-1).mul(oneHot).sum(new int[] {-1}).mean().neg();
    }

    /** The index of the largest of the {@code classes} logits starting at {@code offset} (the first on ties). */
    public static int argmax(float[] logits, int offset, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (logits[offset + c] > logits[offset + best]) {
                best = c;
            }
        }
        return best;
    }

    /** ln softmax(logits)[target] of the {@code classes} logits starting at {@code offset}, in double and stable for large logits. */
    public static double logProbability(float[] logits, int offset, int classes, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[offset + c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp(logits[offset + c] - max);
        }
        return logits[offset + target] - max - Math.log(sum);
    }

    /**
     * Accuracy of the argmax at every readout position, as two metrics: the share of positions right, and the share of
     * examples with every position right (SRAVEN calls these {@code acc_per_feature} and {@code acc}; recall {@code acc} and
     * {@code acc_all}).
     */
    public static MetricAccumulator accuracy(int positions, int classes, String perPositionName, String wholeExampleName) {
        return new Accuracy(positions, classes, perPositionName, wholeExampleName);
    }

    private static final class Accuracy implements MetricAccumulator {
        private final int positions;
        private final int classes;
        private final String perPosition;
        private final String wholeExample;
        private long examples;
        private long examplesRight;
        private long positionsRight;

        Accuracy(int positions, int classes, String perPosition, String wholeExample) {
            this.positions = positions;
            this.classes = classes;
            this.perPosition = perPosition;
            this.wholeExample = wholeExample;
        }

        @Override
        public void add(float[] prediction, Batch batch) {
            for (int b = 0; b < batch.size(); b++) {
                int right = 0;
                for (int p = 0; p < positions; p++) {
                    int i = b * positions + p;
                    right += argmax(prediction, i * classes, classes) == (int) batch.targets()[i] ? 1 : 0;
                }
                positionsRight += right;
                examplesRight += right == positions ? 1 : 0;
                examples++;
            }
        }

        @Override
        public java.util.Map<String, Double> result() {
            java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
            m.put(wholeExample, examples == 0 ? 0.0 : (double) examplesRight / examples);
            m.put(perPosition, examples == 0 ? 0.0 : (double) positionsRight / ((double) examples * positions));
            return m;
        }
    }
}
