package org.hyla4j.api.attention;

import org.hyla4j.api.Plugin;

/**
 * SPI of an attention variant, discovered with {@link java.util.ServiceLoader}: a factory from an
 * {@link AttentionConfig} to a DJL block. Register an implementation in
 * {@code META-INF/services/org.hyla4j.api.attention.AttentionLayer}.
 *
 * <p>Most variants are a {@link ComposedAttentionLayer}: a {@link ScoreNormalizer} (softmax / none /
 * rms_head) composed with a {@link TargetNetwork} (default / mlp_relu / mlp_linear) over the shared
 * multi-head skeleton {@link AttentionBlock}, so every variant has the same parameters.
 */
public interface AttentionLayer extends Plugin {

    /** Builds a new, uninitialised attention block for this variant. */
    AttentionBlock create(AttentionConfig config);

    /**
     * A DJL-style builder of this variant's blocks, e.g. {@code layer.blockBuilder().setModelDim(128).setNumHeads(8).build()};
     * each shipped variant class also has a static {@code builder()} that does the same.
     */
    default AttentionBlock.Builder blockBuilder() {
        return AttentionBlock.builder(this);
    }
}
