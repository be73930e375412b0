package org.hyla4j.attention.softmax;

import org.hyla4j.api.attention.AttentionBlock;
import org.hyla4j.api.attention.ComposedAttentionLayer;
import org.hyla4j.api.attention.ScoreNormalizers;
import org.hyla4j.api.attention.TargetNetworks;

/**
 * Softmax attention (docs/model.md §1.5: σ = softmax, target network = default).
 *
 * @see <a href="https://arxiv.org/abs/2406.05816">Schug et al., Attention as a Hypernetwork</a>
 */
public final class SoftmaxAttention extends ComposedAttentionLayer {

    /** Id of this variant, as in the paper's code. */
    public static final String ID = "softmax_attention";

    public SoftmaxAttention() {
        super(ID, "Softmax attention", ScoreNormalizers.SOFTMAX, TargetNetworks.DEFAULT);
    }

    /** A DJL-style builder of this variant's attention blocks: {@code SoftmaxAttention.builder().setModelDim(128).setNumHeads(8).build()}. */
    public static AttentionBlock.Builder builder() {
        return AttentionBlock.builder(new SoftmaxAttention());
    }
}
