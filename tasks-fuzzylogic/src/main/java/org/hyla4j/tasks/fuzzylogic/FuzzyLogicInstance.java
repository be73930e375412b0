package org.hyla4j.tasks.fuzzylogic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hyla4j.api.InvalidSettingException;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.LatentProbe;
import org.hyla4j.api.task.MetricAccumulator;
import org.hyla4j.api.task.SplitRandom;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.api.util.Seeds;

/**
 * Fuzzy-logic in-context regression (docs/model.md §3): each sequence has T tokens [x (L), y] of one fuzzy DNF,
 * x ~ U(0,1)^L; the last token's y is 0 and its true value is the target. Splits: {@code train},
 * {@code test} (held-out combinations of known terms: the paper's "OOD"), {@code ood} (unknown terms),
 * and {@code train_fixed_query} / {@code test_fixed_query}, where every sequence shares one query x,
 * for the latent-code analysis (docs/model.md §6).
 */
final class FuzzyLogicInstance implements TaskInstance {

    static final String TRAIN = "train";
    static final String TEST = "test";
    static final String OOD = "ood";
    static final String TRAIN_FIXED_QUERY = "train_fixed_query";
    static final String TEST_FIXED_QUERY = "test_fixed_query";

    private final Map<String, String> options;
    private final int numVariables;
    private final int numTerms;
    private final int seqLen;
    private final Map<String, List<int[]>> functions = new LinkedHashMap<>();
    private final float[] fixedQuery;
    private final InContextRegression regression;

    FuzzyLogicInstance(Map<String, String> options, int numVariables, int numTerms, int seqLen, double fracTest,
            double fracOod, long seed, String split) {
        this.options = options;
        this.numVariables = numVariables;
        this.numTerms = numTerms;
        this.seqLen = seqLen;
        FuzzyLogicSplits splits = new FuzzyLogicSplits(numVariables, numTerms, fracTest, fracOod, seed, split);
        functions.put(TRAIN, splits.train());
        functions.put(TEST, splits.test());
        functions.put(OOD, splits.ood());
        functions.put(TRAIN_FIXED_QUERY, splits.train());
        functions.put(TEST_FIXED_QUERY, splits.test());
        SplittableRandom q = new SplittableRandom(Seeds.derive(seed, "fuzzylogic/fixed_query"));
        fixedQuery = new float[numVariables];
        for (int j = 0; j < numVariables; j++) {
            fixedQuery[j] = (float) q.nextDouble();
        }
        regression = new InContextRegression(numVariables);
    }

    @Override
    public Map<String, String> options() {
        return options;
    }

    @Override
    public int inputDim() {
        return numVariables + 1;
    }

    @Override
    public int outputDim() {
        return 1;
    }

    @Override
    public int seqLen() {
        return seqLen;
    }

    @Override
    public int readoutPositions() {
        return 1;
    }

    @Override
    public Map<String, Integer> splitSizes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        functions.forEach((k, v) -> m.put(k, v.size()));
        return m;
    }

    @Override
    public List<String> evalSplits() {
        return functions.get(TEST).isEmpty() ? List.of(TRAIN, OOD) : List.of(TRAIN, TEST, OOD);
    }

    @Override
    public String inDistributionSplit() {
        return TRAIN;
    }

    @Override
    public String headlineSplit() {
        return TEST;
    }

    @Override
    public String headlineMetric() {
        return "r2";
    }

    /** The functions of a split. */
    List<int[]> functions(String split) {
        List<int[]> f = functions.get(split);
        if (f == null) {
            throw new InvalidSettingException("unknown split '" + split + "' of task fuzzylogic; known: " + String.join(", ", functions.keySet()));
        }
        InvalidSettingException.check(!f.isEmpty(), "split '%s' of task fuzzylogic is empty (frac_test is 0)", split);
        return f;
    }

    @Override
    public Batch sample(String split, long seed, long step, int batchSize) {
        List<int[]> pool = functions(split);
        boolean fixed = split.endsWith("_fixed_query");
        SplittableRandom rng = SplitRandom.of("fuzzylogic", seed, split, step);
        int width = inputDim();
        float[] inputs = new float[batchSize * seqLen * width];
        float[] targets = new float[batchSize];
        List<FuzzyExample> examples = new ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
            FuzzyFunction f = new FuzzyFunction(numVariables, pool.get(rng.nextInt(pool.size())));
            examples.add(new FuzzyExample(f));
            for (int t = 0; t < seqLen; t++) {
                int o = (b * seqLen + t) * width;
                for (int j = 0; j < numVariables; j++) {
                    inputs[o + j] = fixed && t == seqLen - 1 ? fixedQuery[j] : (float) rng.nextDouble();
                }
                float y = f.apply(inputs, o);
                if (t == seqLen - 1) {
                    targets[b] = y; // the query's y stays 0 in the input
                } else {
                    inputs[o + numVariables] = y;
                }
            }
        }
        return new Batch(batchSize, seqLen, width, inputs, targets, examples);
    }

    @Override
    public NDArray targets(NDManager manager, Batch batch) {
        return manager.create(batch.targets(), new Shape(batch.size()));
    }

    @Override
    public NDArray loss(NDArray prediction, NDArray targets) {
        NDArray yHat = prediction.reshape(targets.getShape()); // (B, 1, 1) -> (B)
        return yHat.sub(targets).square().mean(); // mean squared error, no ½
    }

    @Override
    public MetricAccumulator metrics() {
        return new R2Accumulator(regression);
    }

    @Override
    public Map<String, Double> baselines(Batch batch) {
        String[] names = {"baseline_context_mean_r2", "baseline_1nn_r2", "baseline_3nn_r2"};
        double[] sums = new double[3];
        int n = 0;
        for (int b = 0; b < batch.size(); b++) {
            double[] preds = {regression.contextMean(batch, b), regression.nearestNeighbours(batch, b, 1),
                regression.nearestNeighbours(batch, b, 3)};
            if (regression.variance(batch, b) <= 0) {
                continue;
            }
            for (int i = 0; i < 3; i++) {
                sums[i] += regression.r2(batch, b, preds[i]);
            }
            n++;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            m.put(names[i], n == 0 ? 0 : sums[i] / n);
        }
        return m;
    }

    @Override
    public Map<String, Object> describe(Batch batch, int index) {
        FuzzyFunction f = ((FuzzyExample) batch.examples().get(index)).function();
        Map<String, Object> latent = new LinkedHashMap<>();
        latent.put("num_variables", numVariables);
        latent.put("terms", f.terms());
        latent.put("literals", f.literals());
        float[][] tokens = new float[seqLen][];
        for (int t = 0; t < seqLen; t++) {
            int o = (index * seqLen + t) * inputDim();
            tokens[t] = java.util.Arrays.copyOfRange(batch.inputs(), o, o + inputDim());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latent", latent);
        m.put("inputs", tokens);
        m.put("target", batch.targets()[index]);
        return m;
    }

    @Override
    public LatentProbe latentProbe() {
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= numTerms; i++) {
            labels.add("term" + i);
        }
        return new LatentProbe(seqLen - 1, new int[] {seqLen - 1}, TRAIN_FIXED_QUERY, TEST_FIXED_QUERY, labels);
    }

    @Override
    public int[] latentLabels(Batch batch, int index) {
        return ((FuzzyExample) batch.examples().get(index)).function().terms().clone();
    }
}
