package org.hyla4j.core.train;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Locale;
import org.hyla4j.api.InvalidSettingException;
import org.hyla4j.api.attention.AttentionBlock;

/**
 * Which parameters AdamW's weight decay applies to (docs/model.md §5). The paper's code decays every parameter that
 * is not one-dimensional ({@code mask = ndim != 1} in its run.py) in its own parameter shapes. hyla4j fuses the
 * paper's query, key and value projections into one {@code qkv_kernel} and one {@code qkv_bias}; the paper's
 * biases of those projections are (H, d_head) arrays, two-dimensional, so the paper decays them, while hyla4j's fused
 * bias is a vector. The two masks differ in exactly that parameter.
 */
public enum DecayMask {
    /** The paper's rule on the paper's shapes: kernels, relative tables and the query/key/value biases (the default). */
    PAPER,
    /**
     * Every parameter with at least two dimensions in hyla4j's own layout, so not the fused query/key/value bias:
     * what hyla4j did before the mask was a setting, kept so that those runs can be resumed and compared.
     */
    MATRICES;

    /** Whether decay applies to the parameter {@code name} (a model's parameter name) of this shape. */
    public boolean decays(String name, Shape shape) {
        if (shape.dimension() >= 2) {
            return true;
        }
        return this == PAPER && name.endsWith(AttentionBlock.QKV_BIAS);
    }

    /** The name in config.json, sweep files and flags. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mask of a name, or one clear error naming the known ones. */
    public static DecayMask of(String id) {
        return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst().orElseThrow(() -> new InvalidSettingException(
                "unknown decay mask '" + id + "'; known: paper (the paper's code, default), matrices (hyla4j before the setting existed)"));
    }
}
