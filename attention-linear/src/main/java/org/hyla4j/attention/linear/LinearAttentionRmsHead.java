package org.hyla4j.attention.linear;

import org.hyla4j.api.attention.AttentionBlock;
import org.hyla4j.api.attention.ComposedAttentionLayer;
import org.hyla4j.api.attention.ScoreNormalizers;
import org.hyla4j.api.attention.TargetNetworks;

/**
 * Linear attention + RMSHead over the head axis (docs/model.md §1.5: σ = rms_head, target network = default).
 *
 * @see <a href="https://arxiv.org/abs/2406.05816">Schug et al., Attention as a Hypernetwork</a>
 */
public final class LinearAttentionRmsHead extends ComposedAttentionLayer {

    /** Id of this variant, as in the paper's code. */
    public static final String ID = "linear_attention_rms_head";

    public LinearAttentionRmsHead() {
        super(ID, "Linear attention + RMSHead over the head axis", ScoreNormalizers.RMS_HEAD, TargetNetworks.DEFAULT);
    }

    /** A DJL-style builder of this variant's attention blocks: {@code LinearAttentionRmsHead.builder().setModelDim(128).setNumHeads(8).build()}. */
    public static AttentionBlock.Builder builder() {
        return AttentionBlock.builder(new LinearAttentionRmsHead());
    }
}
