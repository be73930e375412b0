package org.hyla4j.api.task;

import java.util.List;

/**
 * One batch of examples as plain Java arrays, a pure function of (seed, split, step).
 *
 * @param size B
 * @param seqLen T
 * @param inputDim width of a token
 * @param inputs (B, T, inputDim) row-major
 * @param targets the task's targets, row-major (fuzzy logic: (B); SRAVEN: (B, 4) class indices)
 * @param examples per-example latent description (terms, rules, permutations), task-specific
 */
public record Batch(int size, int seqLen, int inputDim, float[] inputs, float[] targets, List<?> examples) {
}
