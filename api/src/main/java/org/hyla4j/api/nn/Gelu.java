package org.hyla4j.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * GELU with the tanh approximation (jax.nn.gelu's default, spec §2.1):
 * 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). Scalars are arrays in the input's manager, never Java
 * numbers, because {@code mul(Number)} gives wrong gradients on DJL's PyTorch engine (djl-notes §7.1).
 */
public final class Gelu {

    private Gelu() {
    }

    /** Applies tanh-GELU element-wise. */
    public static NDArray tanhApprox(NDArray x) {
        NDManager m = x.getManager();
        NDArray c = m.create((float) Math.sqrt(2.0 / Math.PI));
        NDArray a = m.create(0.044715f);
        NDArray half = m.create(0.5f);
        NDArray inner = x.mul(x).mul(x).mul(a).add(x).mul(c).tanh().add(1f); // add(Number) is safe
        return x.mul(inner).mul(half);
    }
}
