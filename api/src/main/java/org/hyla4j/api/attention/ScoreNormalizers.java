package org.hyla4j.api.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/** The paper's score normalizers (docs/model.md §1.3). */
public final class ScoreNormalizers {

    /** ε inside the square root of RMSHead. */
    public static final float RMS_HEAD_EPS = 1e-6f;

    /** Softmax over the key axis, separately for each (b, h, q). Masked scores are the float minimum. */
    public static final ScoreNormalizer SOFTMAX = new Named("softmax", -Float.MAX_VALUE, scores -> scores.softmax(-1), null);

    /** Identity (linear attention): no feature map, no denominator. Masked scores are 0. */
    public static final ScoreNormalizer NONE = new Named("none", 0f, scores -> scores, null);

    /**
     * RMSHead: RMS normalisation over the <b>head</b> axis for each (b, q, k), no gain:
     * A = S / sqrt(mean_h S² + 1e-6). Masked scores are 0, so masked entries of A are exactly 0.
     * With attention dropout the keep-mask joins the (B, 1, T, T) factor 1/rms.
     */
    public static final ScoreNormalizer RMS_HEAD = new Named("rms_head", 0f, scores -> rmsHead(scores, null), ScoreNormalizers::rmsHead);

    private ScoreNormalizers() {
    }

    /**
     * S · (M / rms) with rms = sqrt(Σ_h S·S / H + ε) of shape (B, 1, T, T); M is the keep-mask or null.
     * Every (B, H, T, T) pass costs the same on these memory-bound shapes, so the formula is arranged to
     * make few of them (docs/performance.md, round two): 1/rms and the mask meet on the H-times smaller
     * tensor and the full one is multiplied once; S·S instead of square() (whose backward makes an extra
     * pow pass), and a sum times 1/H instead of mean() (whose backward divides the expanded gradient).
     * Constants are arrays: mul/div by a Java number is wrong on the gradient path (docs/djl.md §7.1);
     * add(Number) is safe.
     */
    private static NDArray rmsHead(NDArray scores, NDArray keepMask) {
        NDManager m = scores.getManager();
        long heads = scores.getShape().get(1);
        NDArray meanSquare = scores.mul(scores).sum(new int[] {1}, true).mul(m.create(1f / heads)); // (B, 1, T, T)
        NDArray factor = m.create(1f).div(meanSquare.add(RMS_HEAD_EPS).sqrt());
        if (keepMask != null) {
            factor = factor.mul(keepMask);
        }
        return scores.mul(factor);
    }

    /** A normalizer given by its id, masked score, function and, optionally, its own dropout-folding form. */
    private record Named(String id, float maskedScore, UnaryOperator<NDArray> fn, BinaryOperator<NDArray> masked)
            implements ScoreNormalizer {
        @Override
        public NDArray normalize(NDArray scores) {
            return fn.apply(scores);
        }

        @Override
        public NDArray normalize(NDArray scores, NDArray keepMask) {
            return masked != null ? masked.apply(scores, keepMask) : ScoreNormalizer.super.normalize(scores, keepMask);
        }

        @Override
        public String toString() {
            return id;
        }
    }
}
