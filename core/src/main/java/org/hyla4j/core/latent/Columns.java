package org.hyla4j.core.latent;

/** Column statistics of a row-major (n × d) matrix held as a flat array, shared by the probes and the projections. */
final class Columns {

    private Columns() {
    }

    /** The mean of each of the d columns of {@code x} (n × d, row-major). */
    static double[] means(float[] x, int d) {
        int n = x.length / d;
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j] / (double) n;
            }
        }
        return mean;
    }
}
