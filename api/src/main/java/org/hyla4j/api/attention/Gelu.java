package org.hyla4j.api.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * GELU with the tanh approximation (jax.nn.gelu's default, docs/model.md §2.1):
 * 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), computed as the identical x·σ(x·(k₀ + k₁·x²)) with
 * k₀ = 2√(2/π), k₁ = 0.044715·k₀ (since ½(1 + tanh z) = σ(2z)): 6 element-wise ops instead of 9, and
 * fewer in the backward pass, on the largest activation of the model. Scalars are arrays in the input's
 * manager, never Java numbers, because {@code mul(Number)} gives wrong gradients on DJL's PyTorch engine
 * (docs/djl.md §7.1).
 */
public final class Gelu {

    private static final double K0 = 2 * Math.sqrt(2.0 / Math.PI);
    private static final double K1 = 0.044715 * K0;

    private Gelu() {
    }

    /** Applies tanh-GELU element-wise. */
    public static NDArray tanhApprox(NDArray x) {
        NDManager m = x.getManager();
        NDArray k0 = m.create((float) K0);
        NDArray k1 = m.create((float) K1);
        NDArray z = x.mul(x).mul(k1).add(k0).mul(x);
        return x.mul(z.getNDArrayInternal().sigmoid());
    }
}
