package org.hyla4j.tasks.lm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.Classification;
import org.hyla4j.api.task.ClassificationTask;
import org.hyla4j.api.task.LatentProbe;
import org.hyla4j.api.task.MetricAccumulator;
import org.hyla4j.api.task.SplitRandom;

/**
 * Causal byte-level language modelling (docs/model.md §9.1). An example is a window of T + 1 bytes of one split; the
 * model reads the first T as one-hot tokens (V = the corpus's distinct bytes) and predicts, at every position, the byte
 * that follows it (readout P = T, causal attention). Splits: {@code train} and {@code test} are disjoint blocks of the
 * text, {@code ood} its held-out tail or, for the synthetic corpus, text nested deeper than any training text.
 */
final class LmInstance implements ClassificationTask {

    private static final List<String> SPLITS = List.of("train", "test", "ood");
    /** The classes of the next byte that the latent probe decodes. */
    static final List<String> BYTE_CLASSES = List.of("letter", "digit", "space", "punctuation", "other");

    private final Map<String, String> options;
    private final Corpus corpus;
    private final int t;
    private final int v;
    private NGrams ngrams;

    /** One window: which text (0 in-distribution, 1 ood), where, and its T + 1 tokens. */
    record Window(String split, long part, long offset, int[] tokens) {
    }

    LmInstance(Map<String, String> options, Corpus corpus, int seqLen) {
        this.options = options;
        this.corpus = corpus;
        this.t = seqLen;
        this.v = corpus.vocabulary();
    }

    @Override
    public Map<String, String> options() {
        return options;
    }

    @Override
    public int inputDim() {
        return v;
    }

    @Override
    public int outputDim() {
        return v;
    }

    @Override
    public int seqLen() {
        return t;
    }

    /** Causal: position i predicts byte i + 1 from bytes 0..i only. */
    @Override
    public boolean causal() {
        return true;
    }

    @Override
    public int readoutPositions() {
        return seqLen(); // every position predicts the byte after it
    }

    /** Bytes of text in each split (not distinct latents: a language model has none). */
    @Override
    public Map<String, Integer> splitSizes() {
        long[] bytes = corpus.splitBytes();
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < SPLITS.size(); i++) {
            m.put(SPLITS.get(i), (int) Math.min(Integer.MAX_VALUE, bytes[i]));
        }
        return m;
    }

    @Override
    public String headlineMetric() {
        return "ppl";
    }

    /** Perplexity: lower is better. */
    @Override
    public boolean headlineHigherIsBetter() {
        return false;
    }

    /** Perplexity is not a fraction: its differences are printed as they are. */
    @Override
    public boolean headlineIsFraction() {
        return false;
    }

    @Override
    public Batch sample(String split, long seed, long step, int batchSize) {
        SplittableRandom rng = SplitRandom.of("lm", SPLITS, seed, split, step);
        float[] inputs = new float[batchSize * t * v];
        float[] targets = new float[batchSize * t];
        List<Window> examples = new ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
            long[] w = corpus.window(split, t + 1, rng);
            int[] tokens = new int[t + 1];
            for (int i = 0; i <= t; i++) {
                tokens[i] = corpus.token(corpus.byteAt(w[0], w[1] + i));
            }
            for (int i = 0; i < t; i++) {
                inputs[(b * t + i) * v + tokens[i]] = 1f; // one-hot
                targets[b * t + i] = tokens[i + 1]; // the next byte
            }
            examples.add(new Window(split, w[0], w[1], tokens));
        }
        return new Batch(batchSize, t, v, inputs, targets, examples);
    }

    @Override
    public MetricAccumulator metrics() {
        return new LmMetrics(t, v);
    }

    /** The unigram and bigram models of the training text on the same windows: perplexity and accuracy. */
    @Override
    public Map<String, Double> baselines(Batch batch) {
        NGrams n = ngrams();
        double uni = 0;
        double bi = 0;
        long uniRight = 0;
        long biRight = 0;
        for (Object o : batch.examples()) {
            int[] tokens = ((Window) o).tokens();
            for (int i = 0; i < t; i++) {
                uni += n.unigramLog(tokens[i + 1]);
                bi += n.bigramLog(tokens[i], tokens[i + 1]);
                uniRight += n.mostFrequent() == tokens[i + 1] ? 1 : 0;
                biRight += n.likeliestAfter(tokens[i]) == tokens[i + 1] ? 1 : 0;
            }
        }
        double count = (double) batch.size() * t;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("baseline_unigram_ppl", Math.exp(-uni / count));
        m.put("baseline_bigram_ppl", Math.exp(-bi / count));
        m.put("baseline_unigram_acc", uniRight / count);
        m.put("baseline_bigram_acc", biRight / count);
        return m;
    }

    @Override
    public Map<String, Object> describe(Batch batch, int index) {
        Window w = (Window) batch.examples().get(index);
        byte[] bytes = new byte[t + 1];
        for (int i = 0; i <= t; i++) {
            bytes[i] = (byte) corpus.byteOf(w.tokens()[i]);
        }
        Map<String, Object> latent = new LinkedHashMap<>();
        latent.put("split", w.split());
        latent.put("text", w.part() == 0 ? "in_distribution" : "held_out");
        latent.put("offset", w.offset());
        latent.put("corpus_sha256", corpus.sha256());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latent", latent);
        m.put("inputs", new String(bytes, 0, t, StandardCharsets.UTF_8));
        m.put("target", new String(bytes, 1, t, StandardCharsets.UTF_8));
        return m;
    }

    /**
     * The code of the last position attending to itself and the two bytes before it; the label is the class of the byte it
     * must predict (letter, digit, space, punctuation, other). A language model has no task latent, so this probe asks
     * whether the code carries what the next byte will be, on training windows and held-out ones.
     */
    @Override
    public LatentProbe latentProbe() {
        return new LatentProbe(t - 1, new int[] {t - 3, t - 2, t - 1}, "train", "ood", List.of("next_byte_class"));
    }

    @Override
    public int[] latentLabels(Batch batch, int index) {
        Window w = (Window) batch.examples().get(index);
        return new int[] {byteClass(corpus.byteOf(w.tokens()[t]))};
    }

    /** The index in {@link #BYTE_CLASSES} of a byte value. */
    static int byteClass(int b) {
        if (Character.isLetter(b) && b < 128) {
            return 0;
        }
        if (b >= '0' && b <= '9') {
            return 1;
        }
        if (b == ' ' || b == '\n' || b == '\t' || b == '\r') {
            return 2;
        }
        return b < 128 && b > 32 ? 3 : 4;
    }

    /** Vocabulary, bytes per split, and the entropies of the n-gram baselines. */
    @Override
    public Map<String, Double> dataStats(long seed, int examples) {
        long[] bytes = corpus.splitBytes();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("vocabulary", (double) v);
        m.put("train_bytes", (double) bytes[0]);
        m.put("test_bytes", (double) bytes[1]);
        m.put("ood_bytes", (double) bytes[2]);
        m.put("unigram_entropy_bits", ngrams().unigramEntropyBits());
        for (String split : List.of("test", "ood")) {
            Batch b = sample(split, seed, 0, Math.max(1, Math.min(examples, 4096) / t));
            m.put(split + "_bigram_bits_per_byte", Math.log(baselines(b).get("baseline_bigram_ppl")) / Math.log(2));
        }
        return m;
    }

    private synchronized NGrams ngrams() {
        if (ngrams == null) {
            byte[] train = corpus.splitText("train");
            int[] tokens = new int[train.length];
            for (int i = 0; i < train.length; i++) {
                tokens[i] = corpus.token(train[i]);
            }
            ngrams = new NGrams(tokens, v);
        }
        return ngrams;
    }
}
