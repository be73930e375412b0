package org.hyla4j.attention.hyla;

import org.hyla4j.api.attention.AttentionBlock;
import org.hyla4j.api.attention.ComposedAttentionLayer;
import org.hyla4j.api.attention.ScoreNormalizers;
import org.hyla4j.api.attention.TargetNetworks;

/**
 * HYLA: hypernetwork linear attention, RMSHead code and ReLU value network (docs/model.md §1.5: σ = rms_head, target network = mlp_relu).
 *
 * @see <a href="https://arxiv.org/abs/2406.05816">Schug et al., Attention as a Hypernetwork</a>
 */
public final class Hyla extends ComposedAttentionLayer {

    /** Id of this variant, as in the paper's code. */
    public static final String ID = "linear_hypatt";

    public Hyla() {
        super(ID, "HYLA: hypernetwork linear attention, RMSHead code and ReLU value network", ScoreNormalizers.RMS_HEAD, TargetNetworks.MLP_RELU);
    }

    /** A DJL-style builder of this variant's attention blocks: {@code Hyla.builder().setModelDim(128).setNumHeads(8).build()}. */
    public static AttentionBlock.Builder builder() {
        return AttentionBlock.builder(new Hyla());
    }
}
