package org.hyla4j.tasks.sraven;

import java.util.List;
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

    /** Its presets: sraven-presets.properties beside this class. */
    public SravenTask() {
        super(ID, "Symbolic Raven matrices with held-out rule combinations (accuracy)", OPTIONS);
    }

    @Override
    protected TaskInstance configure(TaskOptions o, long seed) {
        return new SravenInstance(o.asMap(), o.getInt("num_features", 1, 6), o.getInt("feature_maxval", 3, 64),
                o.getFraction("frac_ood", 0, 1), o.getBoolean("permute_features"), seed,
                SplitOrder.check(o.getString(SplitOrder.KEY)));
    }
}
