package org.hyla4j.tasks.lm;

import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hyla4j.api.task.AbstractTask;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.api.task.TaskOption;
import org.hyla4j.api.task.TaskOptions;

/**
 * Autoregressive (causal) language modelling on bytes, the paper's third experiment at a scale one machine can train
 * (docs/model.md §9.1): a UTF-8 corpus the user names, or a synthetic corpus from a small grammar with nested relative
 * clauses, with train, test and held-out text in disjoint contiguous blocks.
 *
 * @see <a href="https://arxiv.org/abs/2406.05816">Schug et al., Attention as a Hypernetwork, §5 (language modelling)</a>
 */
public final class LmTask extends AbstractTask {

    /** The task id. */
    public static final String ID = "lm";

    /** Corpora configured lately, so that the several instances of one run read and check a file once. */
    private static final Map<String, SoftReference<Corpus>> CORPORA = new HashMap<>();

    /** Its presets: lm-presets.properties beside this class. */
    public LmTask() {
        super(ID, "Causal byte-level language modelling on a UTF-8 corpus or a synthetic nested grammar (perplexity)", List.of(
                new TaskOption("corpus", "", "UTF-8 text file; empty: the synthetic corpus of a grammar with nested relative clauses"),
                new TaskOption("seq_len", "64", "T, bytes the model reads; it predicts the next byte at each of them (paper sweep 32-256)"),
                new TaskOption("frac_test", "0.1", "share of the in-distribution text held out as 'test', in evenly spaced blocks"),
                new TaskOption("frac_ood", "0.1", "share of the text held out as 'ood': a file's tail, or synthetic text nested deeper"),
                new TaskOption("synthetic_bytes", "1000000", "size of the synthetic corpus (without a corpus file)"),
                new TaskOption("max_depth", "2", "deepest nesting of relative clauses in synthetic training text; ood is 1-2 deeper")));
    }

    @Override
    protected TaskInstance configure(TaskOptions o, long seed) {
        int seqLen = o.getInt("seq_len", 2, 4096);
        double fracTest = o.getFraction("frac_test", 0, 1);
        double fracOod = o.getFraction("frac_ood", 0, 1);
        String file = o.getString("corpus");
        int syntheticBytes = o.getInt("synthetic_bytes", 10_000, 500_000_000);
        int maxDepth = o.getInt("max_depth", 0, 8);
        Path path = file.isEmpty() ? null : path(file);
        String key = path == null ? "synthetic " + syntheticBytes + " " + maxDepth : "file " + path.toAbsolutePath() + " " + modified(path);
        key += " " + seqLen + " " + fracTest + " " + fracOod;
        Corpus corpus;
        synchronized (CORPORA) {
            SoftReference<Corpus> ref = CORPORA.get(key);
            corpus = ref == null ? null : ref.get();
        }
        if (corpus == null) {
            if (file.isEmpty()) {
                Grammar g = new Grammar(maxDepth);
                int held = Math.max(seqLen + 1, (int) Math.ceil(syntheticBytes * fracOod));
                corpus = new Corpus("synthetic", g.text(1, syntheticBytes - held, false), g.text(2, held, true), seqLen + 1, fracTest);
            } else {
                corpus = Corpus.read(path, seqLen + 1, fracTest, fracOod);
            }
            synchronized (CORPORA) {
                CORPORA.values().removeIf(r -> r.get() == null); // entries whose corpus the collector took
                CORPORA.put(key, new SoftReference<>(corpus));
            }
        }
        return new LmInstance(o.asMap(), corpus, seqLen);
    }

    private static Path path(String file) {
        try {
            return Path.of(file);
        } catch (java.nio.file.InvalidPathException e) {
            throw new org.hyla4j.api.InvalidSettingException("corpus '" + file + "' is not a valid path: " + e.getReason());
        }
    }

    private static String modified(Path file) {
        try {
            return Files.getLastModifiedTime(file) + " " + Files.size(file);
        } catch (java.io.IOException e) {
            return "unreadable"; // Corpus.read says why
        }
    }
}
