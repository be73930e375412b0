package org.hyla4j.core.nn;

import org.hyla4j.api.UsageException;
import org.hyla4j.api.attention.AttentionConfig;

/**
 * Shape of a {@link HylaTransformer} (docs/model.md §2). Legend: D model width, H heads, T tokens.
 *
 * @param inputDim width of an input token (5 for fuzzy logic, 8 for SRAVEN)
 * @param outputDim width of the readout per position (1 for fuzzy logic, 8 logits for SRAVEN)
 * @param readoutPositions how many last positions are read out (1 for fuzzy logic, 4 for SRAVEN)
 * @param layers number of transformer blocks
 * @param modelDim D
 * @param numHeads H
 * @param qkDim total query/key width (H·d_k)
 * @param vDim total value width (H·d_v)
 * @param mlpDim hidden width of the GELU MLP
 * @param seqLen T, which also sets n_b of the relative-position tables
 * @param causal causal mask (false for the synthetic tasks)
 * @param attentionDropout dropout on A during training (0.1 in the paper's code)
 */
public record ModelConfig(int inputDim, int outputDim, int readoutPositions, int layers, int modelDim, int numHeads,
        int qkDim, int vDim, int mlpDim, int seqLen, boolean causal, float attentionDropout) {

    public ModelConfig {
        UsageException.check(inputDim > 0 && outputDim > 0, "input and output widths must be positive");
        UsageException.check(readoutPositions > 0 && readoutPositions <= seqLen,
                "readout positions %d must be in [1, seq len %d]", readoutPositions, seqLen);
        UsageException.check(layers > 0, "number of layers must be positive, got %d", layers);
        UsageException.check(mlpDim > 0, "mlp width must be positive, got %d", mlpDim);
        attention(modelDim, numHeads, qkDim, vDim, seqLen, causal, attentionDropout); // validates the rest
    }

    private static AttentionConfig attention(int d, int h, int qk, int v, int t, boolean causal, float drop) {
        return new AttentionConfig(d, h, qk, v, t, causal, drop);
    }

    /** The configuration of each attention layer. */
    public AttentionConfig attentionConfig() {
        return attention(modelDim, numHeads, qkDim, vDim, seqLen, causal, attentionDropout);
    }
}
