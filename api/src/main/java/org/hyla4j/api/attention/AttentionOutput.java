package org.hyla4j.api.attention;

import ai.djl.ndarray.NDArray;

/**
 * Result of one attention layer.
 *
 * @param output (B, T, D)
 * @param code the latent code A = σ(S) of shape (B, H, T, T), taken before dropout
 */
public record AttentionOutput(NDArray output, NDArray code) {
}
