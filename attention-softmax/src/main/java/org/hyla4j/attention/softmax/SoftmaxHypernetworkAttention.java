package org.hyla4j.attention.softmax;

import org.hyla4j.api.attention.AttentionBlock;
import org.hyla4j.api.attention.ComposedAttentionLayer;
import org.hyla4j.api.attention.ScoreNormalizers;
import org.hyla4j.api.attention.TargetNetworks;

/**
 * HYLA − RMSHead + softmax: HYLA's ReLU value network with softmax over keys (docs/model.md §1.5: σ = softmax, target network = mlp_relu).
 *
 * @see <a href="https://arxiv.org/abs/2406.05816">Schug et al., Attention as a Hypernetwork</a>
 */
public final class SoftmaxHypernetworkAttention extends ComposedAttentionLayer {

    /** Id of this variant, as in the paper's code. */
    public static final String ID = "softmax_hypatt";

    public SoftmaxHypernetworkAttention() {
        super(ID, "HYLA − RMSHead + softmax: HYLA's ReLU value network with softmax over keys", ScoreNormalizers.SOFTMAX, TargetNetworks.MLP_RELU);
    }

    /** A DJL-style builder of this variant's attention blocks: {@code SoftmaxHypernetworkAttention.builder().setModelDim(128).setNumHeads(8).build()}. */
    public static AttentionBlock.Builder builder() {
        return AttentionBlock.builder(new SoftmaxHypernetworkAttention());
    }
}
