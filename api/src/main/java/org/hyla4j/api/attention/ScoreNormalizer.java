package org.hyla4j.api.attention;

import ai.djl.ndarray.NDArray;

/**
 * σ: turns raw scores S (B, H, T, T) into the latent code A (B, H, T, T). See {@link ScoreNormalizers}
 * for the paper's three.
 */
public interface ScoreNormalizer {

    /** Stable name, e.g. {@code rms_head}. */
    String id();

    /** The value a masked (causal) score is set to before normalising. */
    float maskedScore();

    /** A = σ(S); S has shape (B, H, T, T) and masked entries already hold {@link #maskedScore()}. */
    NDArray normalize(NDArray scores);

    /**
     * σ(S) ⊙ M: the code with attention dropout applied, M being the keep-mask (1, 1, T, T) already scaled
     * by 1/(1 − rate). The default multiplies; a normalizer that scales S by a per-(b, q, k) factor can
     * fold M into that (B, 1, T, T) factor and so save a pass over (B, H, T, T) forward and backward.
     */
    default NDArray normalize(NDArray scores, NDArray keepMask) {
        return normalize(scores).mul(keepMask);
    }
}
