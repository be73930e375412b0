package org.hyla4j.tasks.lm;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.Classification;
import org.hyla4j.api.task.MetricAccumulator;

/**
 * Next-token metrics over every position of every window: {@code ppl} = exp(mean cross-entropy), {@code bits_per_byte} =
 * mean cross-entropy / ln 2 (a token is a byte), {@code acc} = top-1 accuracy.
 */
final class LmMetrics implements MetricAccumulator {

    private final int positions;
    private final int vocabulary;
    private double logProbability;
    private long tokens;
    private long right;

    LmMetrics(int positions, int vocabulary) {
        this.positions = positions;
        this.vocabulary = vocabulary;
    }

    @Override
    public void add(float[] prediction, Batch batch) {
        for (int i = 0; i < batch.size() * positions; i++) {
            int target = (int) batch.targets()[i];
            logProbability += Classification.logProbability(prediction, i * vocabulary, vocabulary, target);
            right += Classification.argmax(prediction, i * vocabulary, vocabulary) == target ? 1 : 0;
            tokens++;
        }
    }

    @Override
    public Map<String, Double> result() {
        double crossEntropy = tokens == 0 ? Double.NaN : -logProbability / tokens;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("ppl", Math.exp(crossEntropy));
        m.put("bits_per_byte", crossEntropy / Math.log(2));
        m.put("acc", tokens == 0 ? 0.0 : (double) right / tokens);
        return m;
    }
}
