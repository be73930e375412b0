package org.hyla4j.api.attention;

import ai.djl.ndarray.NDArray;

/**
 * How the code A configures the value network (docs/model.md §1.5): from A (B, H, T, T) and the values
 * V (B, T, H, d_v) to the per-head outputs (B, T, H·d_v), flattened h-major, before the output
 * projection. See {@link TargetNetworks}.
 */
public interface TargetNetwork {

    /** Stable name, e.g. {@code mlp_relu}. */
    String id();

    /** Aggregates values; returns (B, T, H·d_v). */
    NDArray aggregate(NDArray code, NDArray values);
}
