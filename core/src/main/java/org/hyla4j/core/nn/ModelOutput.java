package org.hyla4j.core.nn;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Result of a {@link HylaTransformer} forward pass.
 *
 * @param prediction (B, P, O): the readout at the last P positions
 * @param codes the latent code of each layer, A of shape (B, H, T, T) before dropout; empty unless asked for
 */
public record ModelOutput(NDArray prediction, List<NDArray> codes) {
}
