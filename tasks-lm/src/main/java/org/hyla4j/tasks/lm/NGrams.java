package org.hyla4j.tasks.lm;

/**
 * Unigram and bigram models of the training text with add-one smoothing: the trivial baselines a language model must beat
 * (a bigram model is what attention adds nothing to: it sees one token back).
 */
final class NGrams {

    private final int v;
    private final double[] unigram;
    private final double[][] bigram;
    private final int mostFrequent;
    private final int[] likeliestNext;

    /** Counts over the token sequence {@code tokens} of a vocabulary of {@code v}. */
    NGrams(int[] tokens, int v) {
        this.v = v;
        long[] uni = new long[v];
        long[][] bi = new long[v][v];
        for (int i = 0; i < tokens.length; i++) {
            uni[tokens[i]]++;
            if (i > 0) {
                bi[tokens[i - 1]][tokens[i]]++;
            }
        }
        unigram = new double[v];
        bigram = new double[v][v];
        likeliestNext = new int[v];
        int best = 0;
        for (int a = 0; a < v; a++) {
            unigram[a] = (uni[a] + 1.0) / (tokens.length + v);
            best = uni[a] > uni[best] ? a : best;
            long row = 0;
            for (int b = 0; b < v; b++) {
                row += bi[a][b];
            }
            int next = 0;
            for (int b = 0; b < v; b++) {
                bigram[a][b] = (bi[a][b] + 1.0) / (row + v);
                next = bi[a][b] > bi[a][next] ? b : next;
            }
            likeliestNext[a] = next;
        }
        mostFrequent = best;
    }

    /** ln P(next) under the unigram model. */
    double unigramLog(int next) {
        return Math.log(unigram[next]);
    }

    /** ln P(next | previous) under the bigram model. */
    double bigramLog(int previous, int next) {
        return Math.log(bigram[previous][next]);
    }

    /** The most frequent token. */
    int mostFrequent() {
        return mostFrequent;
    }

    /** The likeliest token after {@code previous}. */
    int likeliestAfter(int previous) {
        return likeliestNext[previous];
    }

    /** Entropy of the unigram distribution, bits per token. */
    double unigramEntropyBits() {
        double h = 0;
        for (int a = 0; a < v; a++) {
            h -= unigram[a] * Math.log(unigram[a]) / Math.log(2);
        }
        return h;
    }
}
