package org.hyla4j.api.attention;

import org.hyla4j.api.InvalidSettingException;

/**
 * Shape and regularisation of one multi-head attention layer.
 *
 * <p>Legend: D model width, H heads, T tokens, d_k = qkDim / H, d_v = vDim / H. {@code qkDim} and
 * {@code vDim} are <b>totals across heads</b>, as in the paper's configs (docs/model.md §1.1).
 *
 * @param modelDim D, the width of the residual stream
 * @param numHeads H
 * @param qkDim total query/key width H·d_k
 * @param vDim total value width H·d_v
 * @param seqLen T, which also sets the number of relative-position buckets n_b = T (docs/model.md §2.3)
 * @param causal whether key k &gt; q is masked (false for the synthetic tasks)
 * @param attentionDropout rate of the dropout on the attention code A during training; the paper's
 *     code uses 0.1 with one mask shared across batch and heads (docs/model.md §1.4)
 */
public record AttentionConfig(int modelDim, int numHeads, int qkDim, int vDim, int seqLen, boolean causal,
        float attentionDropout) {

    /** Default attention dropout of the paper's code. */
    public static final float DEFAULT_ATTENTION_DROPOUT = 0.1f;

    public AttentionConfig {
        InvalidSettingException.check(modelDim > 0, "model width must be positive, got %d", modelDim);
        InvalidSettingException.check(numHeads > 0, "number of heads must be positive, got %d", numHeads);
        InvalidSettingException.check(qkDim > 0 && qkDim % numHeads == 0,
                "qk dim %d must be a positive multiple of the number of heads %d", qkDim, numHeads);
        InvalidSettingException.check(vDim > 0 && vDim % numHeads == 0,
                "v dim %d must be a positive multiple of the number of heads %d", vDim, numHeads);
        InvalidSettingException.check(seqLen > 0, "sequence length must be positive, got %d", seqLen);
        InvalidSettingException.check(attentionDropout >= 0 && attentionDropout < 1,
                "attention dropout must be in [0, 1), got %s", attentionDropout);
    }

    /** Per-head query/key width d_k. */
    public int headQkDim() {
        return qkDim / numHeads;
    }

    /** Per-head value width d_v. */
    public int headVDim() {
        return vDim / numHeads;
    }

    /** A copy with another dropout rate. */
    public AttentionConfig withAttentionDropout(float rate) {
        return new AttentionConfig(modelDim, numHeads, qkDim, vDim, seqLen, causal, rate);
    }

    /** A copy with another causal flag. */
    public AttentionConfig withCausal(boolean value) {
        return new AttentionConfig(modelDim, numHeads, qkDim, vDim, seqLen, value, attentionDropout);
    }
}
