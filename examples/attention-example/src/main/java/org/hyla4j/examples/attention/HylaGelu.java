package org.hyla4j.examples.attention;

import org.hyla4j.api.attention.ComposedAttentionLayer;
import org.hyla4j.api.attention.ScoreNormalizers;
import org.hyla4j.api.attention.TargetNetworks;
import org.hyla4j.api.attention.Gelu;

/**
 * {@code ext_hyla_gelu}: HYLA with a smooth value network — RMSHead over heads, then tanh-GELU instead
 * of ReLU between the two contractions with the code. An extension <b>beyond the paper</b>: it keeps
 * HYLA's parameters and structure but lets gradients through negative hidden units.
 *
 * <p>The template for your own variant: pick a {@link org.hyla4j.api.attention.ScoreNormalizer} and a
 * {@link org.hyla4j.api.attention.TargetNetwork}, register the class in
 * {@code META-INF/services/org.hyla4j.api.attention.AttentionLayer}, subclass the testkit contract.
 */
public final class HylaGelu extends ComposedAttentionLayer {

    /** The plugin's id; {@code ext_} marks variants that are not in the paper. */
    public static final String ID = "ext_hyla_gelu";

    public HylaGelu() {
        super(ID, "Extension beyond the paper: HYLA with a tanh-GELU value network", ScoreNormalizers.RMS_HEAD,
                TargetNetworks.mlp("mlp_gelu", Gelu::tanhApprox));
    }
}
