package org.hyla4j.core.latent;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * Multinomial logistic regression (softmax regression) with L2 regularisation, fitted by full-batch
 * gradient descent with Adam on standardised features. Small and exact enough for latent codes
 * (thousands of rows, tens of features, a few dozen classes); no Apache/MIT-licensed JVM library with
 * it was available without pulling in a numerical stack, so it is written here and tested against
 * planted structure, random codes and a known two-class answer.
 */
public final class LogisticRegression {

    private final double[] mean;
    private final double[] scale;
    private final double[][] weights; // (classes, features + 1), last column is the bias
    private final int[] classes;

    private LogisticRegression(double[] mean, double[] scale, double[][] weights, int[] classes) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.classes = classes;
    }

    /**
     * Fits on {@code x} (n × d, row-major) with labels {@code y}.
     *
     * @param lambda L2 penalty on the weights (not the bias), per example
     * @param iterations full-batch Adam steps
     */
    public static LogisticRegression fit(float[] x, int d, int[] y, double lambda, int iterations) {
        int n = y.length;
        int[] classes = new TreeSet<>(Arrays.stream(y).boxed().toList()).stream().mapToInt(Integer::intValue).toArray();
        int c = classes.length;
        double[] mean = Columns.means(x, d);
        double[] scale = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j] - mean[j];
                scale[j] += v * v / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = Math.sqrt(scale[j]) > 1e-12 ? Math.sqrt(scale[j]) : 1;
        }
        int[] target = new int[n];
        for (int i = 0; i < n; i++) {
            target[i] = Arrays.binarySearch(classes, y[i]);
        }
        double[][] w = new double[c][d + 1];
        double[][] m1 = new double[c][d + 1];
        double[][] m2 = new double[c][d + 1];
        double[] z = new double[d];
        double[] p = new double[c];
        double lr = 0.05;
        for (int it = 1; it <= iterations; it++) {
            double[][] grad = new double[c][d + 1];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    z[j] = (x[i * d + j] - mean[j]) / scale[j];
                }
                softmax(w, z, p);
                for (int k = 0; k < c; k++) {
                    double g = (p[k] - (k == target[i] ? 1 : 0)) / n;
                    for (int j = 0; j < d; j++) {
                        grad[k][j] += g * z[j];
                    }
                    grad[k][d] += g;
                }
            }
            for (int k = 0; k < c; k++) {
                for (int j = 0; j <= d; j++) {
                    double g = grad[k][j] + (j < d ? lambda * w[k][j] : 0);
                    m1[k][j] = 0.9 * m1[k][j] + 0.1 * g;
                    m2[k][j] = 0.999 * m2[k][j] + 0.001 * g * g;
                    double mh = m1[k][j] / (1 - Math.pow(0.9, it));
                    double vh = m2[k][j] / (1 - Math.pow(0.999, it));
                    w[k][j] -= lr * mh / (Math.sqrt(vh) + 1e-8);
                }
            }
        }
        return new LogisticRegression(mean, scale, w, classes);
    }

    private static void softmax(double[][] w, double[] z, double[] p) {
        int d = z.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < w.length; k++) {
            double s = w[k][d];
            for (int j = 0; j < d; j++) {
                s += w[k][j] * z[j];
            }
            p[k] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
            p[k] = Math.exp(p[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < w.length; k++) {
            p[k] /= sum;
        }
    }

    /** The most probable class of each row of {@code x} (n × d). */
    public int[] predict(float[] x, int d) {
        int n = x.length / d;
        int[] out = new int[n];
        double[] z = new double[d];
        double[] p = new double[classes.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[j] = (x[i * d + j] - mean[j]) / scale[j];
            }
            softmax(weights, z, p);
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            out[i] = classes[best];
        }
        return out;
    }

    /** Macro-averaged F1 over the classes present in {@code truth}. */
    public static double macroF1(int[] truth, int[] predicted) {
        TreeSet<Integer> present = new TreeSet<>();
        for (int t : truth) {
            present.add(t);
        }
        double sum = 0;
        for (int c : present) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < truth.length; i++) {
                boolean isC = truth[i] == c;
                boolean saysC = predicted[i] == c;
                tp += isC && saysC ? 1 : 0;
                fp += !isC && saysC ? 1 : 0;
                fn += isC && !saysC ? 1 : 0;
            }
            sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return present.isEmpty() ? 0 : sum / present.size();
    }
}
