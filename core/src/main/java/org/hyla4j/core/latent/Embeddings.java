package org.hyla4j.core.latent;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/** 2-D embeddings of codes: PCA (commons-math3 SVD) and exact t-SNE (written here, tested on clusters). */
public final class Embeddings {

    private Embeddings() {
    }

    /** Projection of the centred rows of {@code x} (n × d) on the first two principal components: (n × 2). */
    public static double[][] pca(float[] x, int d) {
        int n = x.length / d;
        double[][] c = new double[n][d];
        double[] mean = Columns.means(x, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                c[i][j] = x[i * d + j] - mean[j];
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(c, false);
        RealMatrix v = new SingularValueDecomposition(m).getV();
        RealMatrix proj = m.multiply(v.getSubMatrix(0, d - 1, 0, Math.min(2, d) - 1));
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            out[i][0] = proj.getEntry(i, 0);
            out[i][1] = d > 1 ? proj.getEntry(i, 1) : 0;
        }
        return out;
    }

    /**
     * Exact t-SNE (van der Maaten &amp; Hinton, 2008): Gaussian affinities with a per-point bandwidth found
     * by bisection to the given perplexity, symmetrised; Student-t similarities in 2-D; gradient descent
     * with momentum 0.5 → 0.8 and early exaggeration 12 for the first 100 iterations. O(n²) per
     * iteration: meant for at most a few thousand points.
     */
    public static double[][] tsne(float[] x, int d, double perplexity, int iterations, long seed) {
        int n = x.length / d;
        double[][] dist = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double diff = x[i * d + k] - x[j * d + k];
                    s += diff * diff;
                }
                dist[i][j] = s;
                dist[j][i] = s;
            }
        }
        double[][] p = new double[n][n];
        double target = Math.log(perplexity);
        for (int i = 0; i < n; i++) {
            double lo = 0;
            double hi = Double.POSITIVE_INFINITY;
            double beta = 1;
            for (int tries = 0; tries < 64; tries++) {
                double sum = 0;
                double weighted = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        double v = Math.exp(-dist[i][j] * beta);
                        p[i][j] = v;
                        sum += v;
                        weighted += v * dist[i][j];
                    }
                }
                sum = Math.max(sum, 1e-300);
                double entropy = Math.log(sum) + beta * weighted / sum;
                for (int j = 0; j < n; j++) {
                    p[i][j] /= sum;
                }
                if (Math.abs(entropy - target) < 1e-5) {
                    break;
                }
                if (entropy > target) {
                    lo = beta;
                    beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
                } else {
                    hi = beta;
                    beta = (beta + lo) / 2;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = Math.max((p[i][j] + p[j][i]) / (2.0 * n), 1e-12);
                p[i][j] = v;
                p[j][i] = v;
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] y = new double[n][2];
        for (double[] row : y) {
            row[0] = rng.nextGaussian() * 1e-4;
            row[1] = rng.nextGaussian() * 1e-4;
        }
        double[][] update = new double[n][2];
        double[][] gains = new double[n][2];
        for (double[] g : gains) {
            java.util.Arrays.fill(g, 1);
        }
        double[][] num = new double[n][n];
        for (int it = 0; it < iterations; it++) {
            double exaggeration = it < 100 ? 12 : 1;
            double momentum = it < 250 ? 0.5 : 0.8;
            double sumQ = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double dx = y[i][0] - y[j][0];
                    double dy = y[i][1] - y[j][1];
                    double v = 1 / (1 + dx * dx + dy * dy);
                    num[i][j] = v;
                    num[j][i] = v;
                    sumQ += 2 * v;
                }
            }
            for (int i = 0; i < n; i++) {
                double gx = 0;
                double gy = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        double mult = (exaggeration * p[i][j] - num[i][j] / sumQ) * num[i][j];
                        gx += 4 * mult * (y[i][0] - y[j][0]);
                        gy += 4 * mult * (y[i][1] - y[j][1]);
                    }
                }
                double[] g = {gx, gy};
                for (int k = 0; k < 2; k++) {
                    gains[i][k] = Math.signum(g[k]) != Math.signum(update[i][k]) ? gains[i][k] + 0.2 : Math.max(0.01, gains[i][k] * 0.8);
                    update[i][k] = momentum * update[i][k] - 200 * gains[i][k] * g[k];
                }
            }
            for (int i = 0; i < n; i++) {
                y[i][0] += update[i][0];
                y[i][1] += update[i][1];
            }
        }
        return y;
    }
}
