package org.hyla4j.tasks.fuzzylogic;

import java.util.List;
import org.hyla4j.api.task.SplitOrder;
import org.hyla4j.api.task.AbstractTask;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.api.task.TaskOption;
import org.hyla4j.api.task.TaskOptions;

/**
 * The fuzzy-logic task of the paper (docs/model.md §3): in-context regression of a fuzzy DNF of
 * {@code num_terms} full conjunctions over {@code num_variables} variables, with held-out term
 * combinations.
 *
 * @see <a href="https://arxiv.org/abs/2406.05816">Schug et al., Attention as a Hypernetwork, §3</a>
 */
public final class FuzzyLogicTask extends AbstractTask {

    /** The task id. */
    public static final String ID = "fuzzylogic";

    private static final List<TaskOption> OPTIONS = List.of(
            new TaskOption("num_variables", "4", "L, the number of input variables (2..10)"),
            new TaskOption("num_terms", "2", "K, distinct conjunctions OR-ed in each function"),
            new TaskOption("seq_len", "16", "T, tokens per sequence including the query (paper sweep 16/32/64/96)"),
            new TaskOption("frac_test", "0.5", "fraction of in-distribution term combinations held out as 'test', in [0, 1)"),
            new TaskOption("frac_ood", "0.25", "fraction of the 2^L terms held out entirely for 'ood', in [0, 1)"),
            SplitOrder.OPTION);

    /** Its presets: fuzzylogic-presets.properties beside this class. */
    public FuzzyLogicTask() {
        super(ID, "Fuzzy-logic in-context regression with held-out term combinations (R²)", OPTIONS);
    }

    @Override
    protected TaskInstance configure(TaskOptions o, long seed) {
        return new FuzzyLogicInstance(o.asMap(), o.getInt("num_variables", 2, 10), o.getInt("num_terms", 1, 64),
                o.getInt("seq_len", 2, 4096), o.getFraction("frac_test", 0, 1), o.getFraction("frac_ood", 0, 1), seed,
                SplitOrder.check(o.getString(SplitOrder.KEY)));
    }
}
