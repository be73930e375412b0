package org.hyla4j.api.task;

import java.util.List;

/**
 * Where the paper reads the latent code for a task (docs/model.md §6), and what it decodes.
 *
 * @param query the query position q
 * @param keys the key positions k read for that query
 * @param trainSplit split whose codes train the decoder (training tasks)
 * @param testSplit split whose codes test it (held-out tasks)
 * @param labelNames names of the decoded labels, e.g. {@code term1, term2} or {@code rule}
 */
public record LatentProbe(int query, int[] keys, String trainSplit, String testSplit, List<String> labelNames) {
}
