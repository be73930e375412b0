package org.hyla4j.attention.linear;

import org.hyla4j.api.attention.AttentionBlock;
import org.hyla4j.api.attention.ComposedAttentionLayer;
import org.hyla4j.api.attention.ScoreNormalizers;
import org.hyla4j.api.attention.TargetNetworks;

/**
 * Linear attention: no feature map, no normaliser (docs/model.md §1.5: σ = none, target network = default).
 *
 * @see <a href="https://arxiv.org/abs/2406.05816">Schug et al., Attention as a Hypernetwork</a>
 */
public final class LinearAttention extends ComposedAttentionLayer {

    /** Id of this variant, as in the paper's code. */
    public static final String ID = "linear_attention";

    public LinearAttention() {
        super(ID, "Linear attention: no feature map, no normaliser", ScoreNormalizers.NONE, TargetNetworks.DEFAULT);
    }

    /** A DJL-style builder of this variant's attention blocks: {@code LinearAttention.builder().setModelDim(128).setNumHeads(8).build()}. */
    public static AttentionBlock.Builder builder() {
        return AttentionBlock.builder(new LinearAttention());
    }
}
