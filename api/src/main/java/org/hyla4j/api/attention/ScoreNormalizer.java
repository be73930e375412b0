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
}
