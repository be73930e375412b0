package org.hyla4j.runner.bench;

import org.hyla4j.core.nn.ModelConfig;

/**
 * Model FLOPs of one training step, counted from the shapes (a multiply-add is 2 FLOPs): every matmul
 * of the forward pass (input Dense, fused Q/K/V, scores, relative bias, the target network's
 * contractions with the code, output projection, MLP, readout), times 3 for forward plus backward.
 * Element-wise ops are not counted, as is usual for MFU.
 */
public final class FlopCounter {

    private FlopCounter() {
    }

    /**
     * FLOPs of one training step.
     *
     * @param contractions contractions of the code A with values: 1 for softmax/linear attention
     *     (A·V), 2 for the HYLA family (A with V, then A with the hidden layer U)
     */
    public static double trainingStep(ModelConfig c, int batch, int seqLen, int contractions) {
        double b = batch;
        double t = seqLen;
        double d = c.modelDim();
        double h = c.numHeads();
        double dk = (double) c.qkDim() / c.numHeads();
        double dv = (double) c.vDim() / c.numHeads();
        double forward = 2 * b * t * c.inputDim() * d; // input Dense
        double perLayer = 2 * b * t * d * (2.0 * c.qkDim() + c.vDim()) // fused Q/K/V
                + 2 * b * h * t * t * dk // scores
                + 2 * h * c.seqLen() * t * t // relative bias (one-hot gather as a matmul)
                + contractions * 2 * b * h * t * t * dv // A with values (and with U)
                + 2 * b * t * c.vDim() * d // output projection
                + 2 * 2 * b * t * d * c.mlpDim(); // MLP
        forward += c.layers() * perLayer;
        forward += 2 * b * c.readoutPositions() * d * c.outputDim(); // readout
        return 3 * forward;
    }
}
