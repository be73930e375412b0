package org.hyla4j.tasks.sraven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hyla4j.api.InvalidSettingException;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.Classification;
import org.hyla4j.api.task.ClassificationTask;
import org.hyla4j.api.task.LatentProbe;
import org.hyla4j.api.task.MetricAccumulator;
import org.hyla4j.api.task.SplitRandom;

/**
 * Symbolic Raven (docs/model.md §4). A problem is a 3×3 grid of panels of K features in [0, F); feature slot f
 * follows rule latent[f]; with {@code permute_features} each column's slots are shuffled by one
 * permutation for all its rows. Tokens: the 8 context panels in row-major order, K one-hot tokens
 * (size F) each, then K zero query tokens; T = 9K. The readout at the K query positions predicts
 * the answer panel's displayed features.
 *
 * <p>Splits: {@code train} and {@code test} draw from the in-distribution rule multisets,
 * {@code ood} from the held-out ones (the paper's "OOD"); {@code *_unpermuted} variants for the
 * latent analysis.
 */
final class SravenInstance implements ClassificationTask {

    private final Map<String, String> options;
    private final int k;
    private final int maxVal;
    private final boolean permute;
    private final Map<String, List<int[]>> latents = new LinkedHashMap<>();

    SravenInstance(Map<String, String> options, int numFeatures, int maxVal, double fracOod, boolean permute, long seed, String split) {
        this.options = options;
        this.k = numFeatures;
        this.maxVal = maxVal;
        this.permute = permute;
        RavenLatents l = new RavenLatents(numFeatures, fracOod, seed, split);
        InvalidSettingException.check(!l.ood().isEmpty(), "frac_ood %s holds out no rule combination", fracOod);
        latents.put("train", l.inDistribution());
        latents.put("test", l.inDistribution());
        latents.put("ood", l.ood());
        latents.put("train_unpermuted", l.inDistribution());
        latents.put("test_unpermuted", l.inDistribution());
        latents.put("ood_unpermuted", l.ood());
    }

    @Override
    public Map<String, String> options() {
        return options;
    }

    @Override
    public int inputDim() {
        return maxVal;
    }

    @Override
    public int outputDim() {
        return maxVal;
    }

    @Override
    public int seqLen() {
        return 9 * k;
    }

    @Override
    public int readoutPositions() {
        return k;
    }

    @Override
    public Map<String, Integer> splitSizes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        latents.forEach((name, l) -> m.put(name, l.size()));
        return m;
    }

    @Override
    public String headlineMetric() {
        return "acc";
    }

    /** One problem with the given rules. */
    RavenExample generate(int[] rules, boolean permuted, SplittableRandom rng) {
        int[][][] orig = new int[3][3][k];
        for (int f = 0; f < k; f++) {
            int[][] g = RavenRule.values()[rules[f]].generate(maxVal, rng);
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    orig[r][c][f] = g[r][c];
                }
            }
        }
        int[][] perms = new int[3][k];
        for (int c = 0; c < 3; c++) {
            for (int s = 0; s < k; s++) {
                perms[c][s] = s;
            }
            if (permuted) {
                SplitRandom.shuffle(perms[c], rng);
            }
        }
        int[][][] displayed = new int[3][3][k];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int s = 0; s < k; s++) {
                    displayed[r][c][s] = orig[r][c][perms[c][s]]; // same permutation down a column
                }
            }
        }
        return new RavenExample(rules.clone(), perms, displayed);
    }

    @Override
    public Batch sample(String split, long seed, long step, int batchSize) {
        SplittableRandom rng = SplitRandom.of("sraven", latents.keySet(), seed, split, step);
        List<int[]> pool = latents.get(split);
        boolean permuted = permute && !split.endsWith("_unpermuted");
        int t = seqLen();
        float[] inputs = new float[batchSize * t * maxVal];
        float[] targets = new float[batchSize * k];
        List<RavenExample> examples = new ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
            RavenExample ex = generate(pool.get(rng.nextInt(pool.size())), permuted, rng);
            examples.add(ex);
            for (int p = 0; p < 8; p++) {
                for (int s = 0; s < k; s++) {
                    int token = b * t + p * k + s;
                    inputs[token * maxVal + ex.displayed()[p / 3][p % 3][s]] = 1f; // one-hot
                }
            }
            for (int s = 0; s < k; s++) {
                targets[b * k + s] = ex.displayed()[2][2][s]; // the K query tokens stay zero
            }
        }
        return new Batch(batchSize, t, maxVal, inputs, targets, examples);
    }

    @Override
    public MetricAccumulator metrics() {
        return Classification.accuracy(k, maxVal, "acc_per_feature", "acc"); // acc: every feature of the answer right
    }

    @Override
    public Map<String, Double> baselines(Batch batch) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("baseline_chance_acc", Math.pow(maxVal, -k));
        m.put("baseline_chance_acc_per_feature", 1.0 / maxVal);
        return m;
    }

    @Override
    public Map<String, Object> describe(Batch batch, int index) {
        RavenExample ex = (RavenExample) batch.examples().get(index);
        Map<String, Object> latent = new LinkedHashMap<>();
        latent.put("rules", ex.rules());
        List<String> names = new ArrayList<>();
        for (int r : ex.rules()) {
            names.add(RavenRule.values()[r].name().toLowerCase(java.util.Locale.ROOT));
        }
        latent.put("rule_names", names);
        latent.put("column_permutations", ex.permutations());
        latent.put("feature_maxval", maxVal);
        int[][] context = new int[8][];
        for (int p = 0; p < 8; p++) {
            context[p] = ex.displayed()[p / 3][p % 3].clone();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latent", latent);
        m.put("inputs", context);
        m.put("target", ex.displayed()[2][2].clone());
        return m;
    }

    @Override
    public LatentProbe latentProbe() {
        // the last query token (predicting slot K−1) attending to that feature's tokens in the two
        // context panels of the last row (tokens 27 and 31 for K = 4); the label is that slot's rule
        return new LatentProbe(seqLen() - 1, new int[] {6 * k + k - 1, 7 * k + k - 1}, "train_unpermuted", "ood_unpermuted",
                List.of("rule"));
    }

    @Override
    public int[] latentLabels(Batch batch, int index) {
        RavenExample ex = (RavenExample) batch.examples().get(index);
        return new int[] {ex.rules()[k - 1]};
    }

    @Override
    public Map<String, Double> dataStats(long seed, int examples) {
        AmbiguityChecker checker = new AmbiguityChecker(k, maxVal);
        int answer = 0;
        int rules = 0;
        int paper = 0;
        int done = 0;
        for (int step = 0; done < examples; step++) {
            Batch b = sample("train", seed, step, Math.min(64, examples - done));
            for (Object o : b.examples()) {
                AmbiguityChecker.Explanations e = checker.explain(((RavenExample) o).displayed());
                answer += e.ambiguousAnswer() ? 1 : 0;
                rules += e.ambiguousRules() ? 1 : 0;
                paper += checker.ambiguousByThePapersDefinition(((RavenExample) o).displayed()) ? 1 : 0;
                done++;
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("ambiguous_answer_fraction", (double) answer / done);
        m.put("ambiguous_rules_fraction", (double) rules / done);
        m.put("ambiguous_paper_definition_fraction", (double) paper / done);
        m.put("checked_examples", (double) done);
        return m;
    }
}
