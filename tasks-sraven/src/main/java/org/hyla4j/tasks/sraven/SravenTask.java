package org.hyla4j.tasks.sraven;

import java.util.List;
import java.util.Map;
import org.hyla4j.api.task.Preset;
import org.hyla4j.api.task.PresetBuilder;
import org.hyla4j.api.task.SplitOrder;
import org.hyla4j.api.task.AbstractTask;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.api.task.TaskOption;
import org.hyla4j.api.task.TaskOptions;

/**
 * Symbolic Raven (SRAVEN) of the paper (docs/model.md §4): complete a 3×3 grid of K-feature panels whose
 * features follow a multiset of rules, with held-out rule combinations and per-column feature
 * permutations ("finding correspondences").
 *
 * @see <a href="https://arxiv.org/abs/2406.05816">Schug et al., Attention as a Hypernetwork, §4</a>
 */
public final class SravenTask extends AbstractTask {

    /** The task id. */
    public static final String ID = "sraven";

    private static final List<TaskOption> OPTIONS = List.of(
            new TaskOption("num_features", "4", "K, features per panel (1..6; T = 9K)"),
            new TaskOption("feature_maxval", "8", "F, values per feature; arithmetic is mod F (3..64)"),
            new TaskOption("frac_ood", "0.25", "fraction of rule multisets held out as 'ood', in [0, 1)"),
            new TaskOption("permute_features", "true", "shuffle feature slots per column (same down a column)"),
            SplitOrder.OPTION);

    public SravenTask() {
        super(ID, "Symbolic Raven matrices with held-out rule combinations (accuracy)", OPTIONS,
                // the paper's 4-layer model at a smoke-test budget (a paper-budget run takes days on 2 cores)
                model(Preset.builder(Preset.SMALL)).batch(32).steps(500).lr(1e-3).weightDecay(0.1).warmup(50).evalEvery(250)
                        .evalExamples(1_024).build(),
                // the paper's budget, on the rule multisets the paper's code holds out for the same seed
                model(Preset.builder(Preset.PAPER)).batch(128).steps(156_250).lr(1e-3).weightDecay(0.1).warmup(1000).evalEvery(10_000)
                        .evalExamples(51_200).taskOptions(Map.of(SplitOrder.KEY, SplitOrder.JAX)).build());
    }

    @Override
    protected TaskInstance configure(TaskOptions o, long seed) {
        return new SravenInstance(o.asMap(), o.getInt("num_features", 1, 6), o.getInt("feature_maxval", 3, 64),
                o.getFraction("frac_ood", 0, 1), o.getBoolean("permute_features"), seed,
                SplitOrder.check(o.getString(SplitOrder.KEY)));
    }

    /** The paper's SRAVEN model (its Table A3): both presets train it. */
    private static PresetBuilder model(PresetBuilder b) {
        return b.layers(4).modelDim(128).numHeads(16).qkDim(64).vDim(64).mlpDim(256);
    }
}
