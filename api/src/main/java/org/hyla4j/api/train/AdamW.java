package org.hyla4j.api.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW as optax composes it (spec §5): β₁ 0.9, β₂ 0.999, ε 1e-8 outside the square root, bias
 * correction, then decoupled weight decay on parameters with ≥ 2 dimensions only (kernels and
 * relative-position tables; not biases or LayerNorm), all scaled by the scheduled learning rate:
 * p ← p − lr·(m̂/(√v̂ + ε) + wd·p).
 *
 * <p>Runs outside any gradient collector, so Java scalars are safe here (the DJL scalar bug of
 * djl-notes §7.1 needs an autograd graph). Temporaries are attached to the caller's per-step
 * manager. After an update the gradients are zeroed, because DJL's PyTorch collector accumulates.
 */
public final class AdamW {

    public static final float BETA1 = 0.9f;
    public static final float BETA2 = 0.999f;
    public static final float EPS = 1e-8f;

    private final List<Pair<String, Parameter>> params;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final float weightDecay;
    private long updates;

    /** Creates zeroed moments in {@code stateManager} for every parameter. */
    public AdamW(List<Pair<String, Parameter>> params, double weightDecay, NDManager stateManager) {
        this.params = params;
        this.weightDecay = (float) weightDecay;
        for (Pair<String, Parameter> p : params) {
            NDArray a = p.getValue().getArray();
            m.add(stateManager.zeros(a.getShape()));
            v.add(stateManager.zeros(a.getShape()));
        }
    }

    /** Whether weight decay applies to a parameter of this many dimensions. */
    public static boolean decays(int dimensions) {
        return dimensions >= 2;
    }

    /** First moments, in parameter order. */
    public List<NDArray> firstMoments() {
        return m;
    }

    /** Second moments, in parameter order. */
    public List<NDArray> secondMoments() {
        return v;
    }

    /** Number of updates done so far. */
    public long updates() {
        return updates;
    }

    /** Restores the update count (after loading moments from a checkpoint). */
    public void setUpdates(long count) {
        this.updates = count;
    }

    /**
     * One update with learning rate {@code lr}; returns the global L2 norm of the gradients.
     *
     * @param step per-step manager that owns every temporary
     */
    public double update(double lr, NDManager step) {
        updates++;
        float bc1 = (float) (1 - Math.pow(BETA1, updates));
        float bc2 = (float) (1 - Math.pow(BETA2, updates));
        double sq = 0;
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i).getValue().getArray();
            NDArray g = p.getGradient();
            g.attach(step);
            NDArray gsq = g.square();
            sq += gsq.sum().getFloat();
            m.get(i).muli(BETA1).addi(g.mul(1 - BETA1));
            v.get(i).muli(BETA2).addi(gsq.muli(1 - BETA2));
            NDArray denom = v.get(i).div(bc2);
            denom.attach(step);
            denom = denom.sqrt().addi(EPS);
            NDArray update = m.get(i).div(bc1);
            update.attach(step);
            update.divi(denom);
            if (weightDecay > 0 && decays(p.getShape().dimension())) {
                NDArray decay = p.mul(weightDecay);
                decay.attach(step);
                update.addi(decay);
            }
            p.subi(update.muli((float) lr));
            g.subi(g); // zero the accumulated gradient
        }
        return Math.sqrt(sq);
    }
}
