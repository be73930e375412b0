package org.hyla4j.tasks.mqar;

import java.util.List;
import org.hyla4j.api.task.AbstractTask;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.api.task.TaskOption;
import org.hyla4j.api.task.TaskOptions;

/**
 * Multi-query associative recall (MQAR; Arora et al. 2023, "Zoology"), the standard probe of how well an attention variant
 * retrieves: key–value pairs, then queries of some keys whose values must be recalled (docs/model.md §9.2). Held-out
 * key–value bindings make its {@code ood} split: recall that generalises must work for a value never seen with that key.
 *
 * @see <a href="https://arxiv.org/abs/2312.04927">Arora et al., Zoology: Measuring and Improving Recall in Efficient Language Models</a>
 */
public final class MqarTask extends AbstractTask {

    /** The task id. */
    public static final String ID = "mqar";

    /** Its presets: mqar-presets.properties beside this class. */
    public MqarTask() {
        super(ID, "Multi-query associative recall with held-out key-value bindings (accuracy)", List.of(
                new TaskOption("num_pairs", "4", "N, key-value pairs per sequence (at most vocab_size / 2)"),
                new TaskOption("num_queries", "0", "Q, keys queried at the end (distinct, at most N); 0: every key once"),
                new TaskOption("vocab_size", "32", "tokens: the first half are keys, the second half values (plus one blank token)"),
                new TaskOption("seq_len", "16", "T >= 2N + Q: the pairs, blanks, then the queries"),
                new TaskOption("frac_ood", "0.25", "share of each key's values held out: bindings only the 'ood' split uses, in [0, 1)")));
    }

    @Override
    protected TaskInstance configure(TaskOptions o, long seed) {
        int vocab = o.getInt("vocab_size", 4, 4096);
        int pairs = o.getInt("num_pairs", 1, vocab / 2);
        int queries = o.getInt("num_queries", 0, pairs);
        int q = queries == 0 ? pairs : queries;
        int seqLen = o.getInt("seq_len", 2 * pairs + q, 4096);
        return new MqarInstance(o.asMap(), pairs, q, vocab, seqLen, o.getFraction("frac_ood", 0, 1), seed);
    }
}
