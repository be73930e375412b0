package org.hyla4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW as optax composes it (docs/model.md §5): β₁ 0.9, β₂ 0.999, ε 1e-8 outside the square root, bias
 * correction, then decoupled weight decay on the parameters a {@link DecayMask} selects (by default the paper's:
 * kernels, relative-position tables and the query/key/value biases; not the other biases or LayerNorm), all
 * scaled by the scheduled learning rate: p ← p − lr·(m̂/(√v̂ + ε) + wd·p).
 *
 * <p>Runs outside any gradient collector. Temporaries are attached to the caller's per-step manager.
 * After an update the gradients are zeroed, because DJL's PyTorch collector accumulates.
 */
public final class AdamW {

    public static final float BETA1 = 0.9f;
    public static final float BETA2 = 0.999f;
    public static final float EPS = 1e-8f;

    private final List<Pair<String, Parameter>> params;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final float[] decay;
    private final boolean[] masked;
    private long updates;

    /** Creates zeroed moments in {@code stateManager} for every parameter; {@code mask} picks the decayed ones. */
    public AdamW(List<Pair<String, Parameter>> params, double weightDecay, DecayMask mask, NDManager stateManager) {
        this.params = params;
        this.decay = new float[params.size()];
        this.masked = new boolean[params.size()];
        for (int i = 0; i < params.size(); i++) {
            Pair<String, Parameter> p = params.get(i);
            NDArray a = p.getValue().getArray();
            masked[i] = mask.decays(p.getKey(), a.getShape());
            decay[i] = masked[i] ? (float) weightDecay : 0f;
            m.add(stateManager.zeros(a.getShape()));
            v.add(stateManager.zeros(a.getShape()));
        }
    }

    /** The names of the parameters the mask selects for weight decay, in parameter order. */
    public List<String> decayed() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            if (masked[i]) {
                names.add(params.get(i).getKey());
            }
        }
        return names;
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
     * <p>Each parameter is updated by the engine's fused Adam kernel in decoupled ({@code adamw})
     * mode, which computes w ← w − lr·wd·w, then the moments, then w ← w − lr_c·m/(√v + ε_c). With
     * lr_c = lr·√(1−β₂ᵗ)/(1−β₁ᵗ) and ε_c = ε·√(1−β₂ᵗ) this is exactly optax's lr·m̂/(√v̂ + ε); the
     * kernel also zeroes the gradient. One native call per parameter instead of about twenty ops.
     *
     * @param step per-step manager that owns every temporary
     */
    public double update(double lr, NDManager step) {
        return update(lr, step, true);
    }

    /** As {@link #update(double, NDManager)}; returns NaN without computing the norm unless {@code gradNorm}. */
    public double update(double lr, NDManager step, boolean gradNorm) {
        updates++;
        double bc1 = 1 - Math.pow(BETA1, updates);
        double bc2 = 1 - Math.pow(BETA2, updates);
        float lrCorrected = (float) (lr * Math.sqrt(bc2) / bc1);
        float epsCorrected = (float) (EPS * Math.sqrt(bc2));
        NDList squares = new NDList(params.size());
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i).getValue().getArray();
            NDArray g = p.getGradient();
            g.attach(step);
            if (gradNorm) {
                squares.add(g.square().sum());
            }
            p.getNDArrayInternal().adamUpdate(new NDList(p, g, m.get(i), v.get(i)), new NDList(p), (float) lr, lrCorrected, decay[i],
                    1f, -1f, BETA1, BETA2, epsCorrected, false, true);
        }
        return gradNorm ? Math.sqrt(NDArrays.stack(squares).sum().getFloat()) : Double.NaN;
    }
}
