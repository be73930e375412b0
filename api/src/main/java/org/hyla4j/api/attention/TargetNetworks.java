package org.hyla4j.api.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.function.UnaryOperator;

/** The paper's target networks (docs/model.md §1.5, batched as in §1.7). */
public final class TargetNetworks {

    /**
     * Softmax and linear attention: Z[b,q,h,:] = Σ_k A[b,h,q,k]·V[b,k,h,:]. A linear value network per
     * (q, k) pair whose outputs are summed over k.
     */
    public static final TargetNetwork DEFAULT = new TargetNetwork() {
        @Override
        public String id() {
            return "default";
        }

        @Override
        public NDArray aggregate(NDArray a, NDArray v) {
            long b = a.getShape().get(0);
            long t = a.getShape().get(2);
            long hv = v.getShape().get(2) * v.getShape().get(3);
            NDArray z = a.matMul(v.transpose(0, 2, 1, 3)); // (B, H, T, d_v)
            return z.transpose(0, 2, 1, 3).reshape(b, t, hv); // (B, T, H·d_v)
        }
    };

    /** HYLA: ReLU between the two contractions with A. */
    public static final TargetNetwork MLP_RELU = mlp("mlp_relu", Activation::relu);

    /** HYLA without the nonlinearity; second order in A, so not linear attention. */
    public static final TargetNetwork MLP_LINEAR = mlp("mlp_linear", UnaryOperator.identity());

    private TargetNetworks() {
    }

    /**
     * HYLA's value network with another element-wise activation φ between the two contractions, for
     * extensions beyond the paper. φ runs on the gradient path: it must not pass Java numbers to
     * {@code mul/div/pow/maximum/minimum} (docs/djl.md §7.1).
     */
    public static TargetNetwork mlp(String id, UnaryOperator<NDArray> activation) {
        return new Mlp(id, activation);
    }

    /**
     * U[b,q,k,e] = φ(Σ_h A[b,h,q,k]·V[b,k,h,e]); Y[b,q,h,e] = Σ_k A[b,h,q,k]·U[b,q,k,e]. Two batched
     * matmuls; the hidden layer U has width d_v per (q, k) pair.
     */
    private static final class Mlp implements TargetNetwork {
        private final String id;
        private final UnaryOperator<NDArray> activation;

        Mlp(String id, UnaryOperator<NDArray> activation) {
            this.id = id;
            this.activation = activation;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public NDArray aggregate(NDArray a, NDArray v) {
            long b = a.getShape().get(0);
            long t = a.getShape().get(2);
            long hv = v.getShape().get(2) * v.getShape().get(3);
            NDArray u = a.transpose(0, 3, 2, 1).matMul(v); // (B, k, q, H) @ (B, k, H, e) -> (B, k, q, e)
            u = activation.apply(u).transpose(0, 2, 1, 3); // hidden layer U: (B, q, k, e)
            NDArray y = a.transpose(0, 2, 1, 3).matMul(u); // (B, q, H, k) @ (B, q, k, e) -> (B, q, H, e)
            return y.reshape(b, t, hv); // (B, T, H·d_v)
        }
    }
}
