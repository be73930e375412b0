package org.hyla4j.api.attention;

/**
 * The slow, obvious reference: every variant in float64 with explicit loops, the mlp target networks
 * written as the paper's per-(q, k) hypernetwork (docs/model.md §1.6): for each query q and key k, the code
 * z = (a_{1,q,k}, …, a_{H,q,k}) generates W_out = Σ_h z_h·W_h^out and W_val = Σ_h z_h·W_h^value, and
 * out_q = Σ_k W_out·φ(W_val·x_k + Σ_h z_h·b_h^v) + b_o.
 */
final class NaiveAttention {

    final int t;
    final int d;
    final int h;
    final int dk;
    final int dv;
    final int nb;
    final boolean causal;
    final String normalizer;
    final String target;

    NaiveAttention(int t, int d, int h, int dk, int dv, int nb, boolean causal, String normalizer, String target) {
        this.t = t;
        this.d = d;
        this.h = h;
        this.dk = dk;
        this.dv = dv;
        this.nb = nb;
        this.causal = causal;
        this.normalizer = normalizer;
        this.target = target;
    }

    /** Returns out (T, D) row-major for one sequence. Parameters in the block's layout. */
    double[] forward(double[] x, double[] wqkv, double[] bqkv, double[] wo, double[] bo, double[] table) {
        int qk = h * dk;
        int v = h * dv;
        int width = 2 * qk + v;
        double[][] proj = new double[t][width];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < width; j++) {
                double s = bqkv[j];
                for (int c = 0; c < d; c++) {
                    s += x[i * d + c] * wqkv[c * width + j];
                }
                proj[i][j] = s;
            }
        }
        double[][][] a = new double[h][t][t];
        for (int hh = 0; hh < h; hh++) {
            for (int q = 0; q < t; q++) {
                for (int k = 0; k < t; k++) {
                    double s = 0;
                    for (int i = 0; i < dk; i++) {
                        s += proj[q][hh * dk + i] / Math.sqrt(dk) * proj[k][qk + hh * dk + i];
                    }
                    s += table[hh * nb + RelativePositionBuckets.bucket(q, k, nb)];
                    if (causal && k > q) {
                        s = normalizer.equals("softmax") ? -Float.MAX_VALUE : 0;
                    }
                    a[hh][q][k] = s;
                }
            }
        }
        if (normalizer.equals("softmax")) {
            for (int hh = 0; hh < h; hh++) {
                for (int q = 0; q < t; q++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < t; k++) {
                        max = Math.max(max, a[hh][q][k]);
                    }
                    double sum = 0;
                    for (int k = 0; k < t; k++) {
                        a[hh][q][k] = Math.exp(a[hh][q][k] - max);
                        sum += a[hh][q][k];
                    }
                    for (int k = 0; k < t; k++) {
                        a[hh][q][k] /= sum;
                    }
                }
            }
        } else if (normalizer.equals("rms_head")) {
            for (int q = 0; q < t; q++) {
                for (int k = 0; k < t; k++) {
                    double ms = 0;
                    for (int hh = 0; hh < h; hh++) {
                        ms += a[hh][q][k] * a[hh][q][k];
                    }
                    double rms = Math.sqrt(ms / h + 1e-6);
                    for (int hh = 0; hh < h; hh++) {
                        a[hh][q][k] /= rms;
                    }
                }
            }
        }
        double[] out = new double[t * d];
        for (int q = 0; q < t; q++) {
            for (int c = 0; c < d; c++) {
                out[q * d + c] = bo[c];
            }
            for (int k = 0; k < t; k++) {
                if (target.equals("default")) {
                    for (int hh = 0; hh < h; hh++) {
                        for (int e = 0; e < dv; e++) {
                            double z = a[hh][q][k] * proj[k][2 * qk + hh * dv + e];
                            for (int c = 0; c < d; c++) {
                                out[q * d + c] += z * wo[(hh * dv + e) * d + c];
                            }
                        }
                    }
                } else {
                    // the hypernetwork generates a value network for this (q, k) from its code
                    double[] hidden = new double[dv];
                    for (int e = 0; e < dv; e++) {
                        double s = 0;
                        for (int hh = 0; hh < h; hh++) {
                            double wvx = bqkv[2 * qk + hh * dv + e];
                            for (int c = 0; c < d; c++) {
                                wvx += wqkv[c * width + 2 * qk + hh * dv + e] * x[k * d + c];
                            }
                            s += a[hh][q][k] * wvx;
                        }
                        hidden[e] = target.equals("mlp_relu") ? Math.max(0, s) : s;
                    }
                    for (int c = 0; c < d; c++) {
                        double s = 0;
                        for (int e = 0; e < dv; e++) {
                            double wout = 0;
                            for (int hh = 0; hh < h; hh++) {
                                wout += a[hh][q][k] * wo[(hh * dv + e) * d + c];
                            }
                            s += wout * hidden[e];
                        }
                        out[q * d + c] += s;
                    }
                }
            }
        }
        return out;
    }
}
