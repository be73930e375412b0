package org.hyla4j.api.attention;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Result of one attention layer: its output and its latent code A = σ(S) of shape (B, H, T, T), taken
 * before dropout.
 *
 * <p>When training with attention dropout, the target network receives σ(S) ⊙ M, which a normalizer may
 * compute without ever forming σ(S) ({@link ScoreNormalizer#normalize(NDArray, NDArray)}); the code is
 * then computed on the first call of {@link #code()}, so a training step that never asks for it does not
 * pay for it.
 */
public final class AttentionOutput {

    private final NDArray output;
    private Supplier<NDArray> pending;
    private NDArray code;

    /** An output with its code already computed. */
    public AttentionOutput(NDArray output, NDArray code) {
        this.output = Objects.requireNonNull(output, "output");
        this.code = Objects.requireNonNull(code, "code");
    }

    private AttentionOutput(NDArray output, Supplier<NDArray> pending) {
        this.output = Objects.requireNonNull(output, "output");
        this.pending = Objects.requireNonNull(pending, "pending");
    }

    /** An output whose code is computed when first asked for (call it while the step's arrays are open). */
    public static AttentionOutput withLazyCode(NDArray output, Supplier<NDArray> code) {
        return new AttentionOutput(output, code);
    }

    /** The same code with another output (a transformer layer passes its block's code on). */
    public AttentionOutput withOutput(NDArray newOutput) {
        return pending != null ? new AttentionOutput(newOutput, pending) : new AttentionOutput(newOutput, code);
    }

    /** The output (B, T, D). */
    public NDArray output() {
        return output;
    }

    /** The latent code A = σ(S), (B, H, T, T), before dropout. */
    public NDArray code() {
        if (code == null) {
            code = pending.get();
            pending = null;
        }
        return code;
    }
}
