package org.hyla4j.tasks.lm;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small probabilistic grammar of English-like sentences with nested relative clauses and number agreement, the synthetic
 * corpus of the {@code lm} task when no corpus is given (docs/model.md §9.1). Subject and object relatives nest, and a verb
 * agrees with its subject across everything nested in between:
 * <pre>
 *   S        → NP[n] VP[n] .
 *   NP[n]    → Det[n] (Adj) N[n] (Rel[n])          Rel with probability {@link #P_REL} while depth &lt; max
 *   Rel[n]   → that VP[n]                           (subject relative)
 *            | that NP[m] Vt[m]                     (object relative: centre embedding)
 *   VP[n]    → Vi[n] | Vt[n] NP[m]
 * </pre>
 * e.g. "the cat that the dogs that a bird sees chase runs ." The depth of a sentence is its deepest nesting of Rel.
 * Training text has depth at most {@code maxDepth}; the held-out text has every sentence of depth {@code maxDepth + 1} or
 * {@code maxDepth + 2}, so it tests agreement across deeper nesting than was ever seen.
 */
final class Grammar {

    /** The chance that a noun phrase takes a relative clause while the depth allows it. */
    static final double P_REL = 0.35;

    private static final List<String> NOUNS = List.of("cat", "dog", "bird", "fox", "horse", "teacher", "farmer", "child");
    private static final List<String> NOUNS_PL = List.of("cats", "dogs", "birds", "foxes", "horses", "teachers", "farmers", "children");
    private static final List<String> TRANSITIVE = List.of("sees", "chases", "likes", "follows", "helps", "feeds");
    private static final List<String> TRANSITIVE_PL = List.of("see", "chase", "like", "follow", "help", "feed");
    private static final List<String> INTRANSITIVE = List.of("runs", "sleeps", "sings", "waits");
    private static final List<String> INTRANSITIVE_PL = List.of("run", "sleep", "sing", "wait");
    private static final List<String> DET = List.of("the", "a", "every", "this");
    private static final List<String> DET_PL = List.of("the", "some", "many", "these");
    private static final List<String> ADJ = List.of("small", "old", "quick", "quiet");

    /** The chance of a relative clause in held-out text, higher so that deep sentences are common enough to keep. */
    static final double P_REL_HELD_OUT = 0.75;

    private final int maxDepth;

    Grammar(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /**
     * {@code bytes} bytes of sentences separated by spaces, cut at the end: depth ≤ maxDepth, or (held out) only sentences of
     * depth maxDepth + 1 or maxDepth + 2.
     */
    byte[] text(long seed, int bytes, boolean heldOut) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(bytes + 256);
        StringBuilder one = new StringBuilder();
        while (sb.length() < bytes) {
            one.setLength(0);
            int depth = heldOut ? sentence(one, r, maxDepth + 2, P_REL_HELD_OUT) : sentence(one, r, maxDepth, P_REL);
            if (!heldOut || depth > maxDepth) {
                sb.append(one).append(' ');
            }
        }
        return sb.substring(0, bytes).getBytes(StandardCharsets.US_ASCII);
    }

    /** Appends one sentence with relative clauses nested at most {@code budget} deep; returns its depth. */
    static int sentence(StringBuilder sb, SplittableRandom r, int budget, double pRel) {
        boolean plural = r.nextBoolean();
        int subject = nounPhrase(sb, r, plural, budget, pRel);
        sb.append(' ');
        int predicate = verbPhrase(sb, r, plural, budget, pRel);
        sb.append(" .");
        return Math.max(subject, predicate);
    }

    /** Appends NP[plural]; returns the depth of the relative clauses nested in it (0: none). */
    private static int nounPhrase(StringBuilder sb, SplittableRandom r, boolean plural, int budget, double pRel) {
        sb.append(pick(plural ? DET_PL : DET, r)).append(' ');
        if (r.nextInt(4) == 0) {
            sb.append(pick(ADJ, r)).append(' ');
        }
        sb.append(pick(plural ? NOUNS_PL : NOUNS, r));
        if (budget == 0 || r.nextDouble() >= pRel) {
            return 0;
        }
        sb.append(" that ");
        if (r.nextBoolean()) { // subject relative: that VP[n]
            return 1 + verbPhrase(sb, r, plural, budget - 1, pRel);
        }
        boolean other = r.nextBoolean(); // object relative: that NP[m] Vt[m], the centre embedding
        int inner = nounPhrase(sb, r, other, budget - 1, pRel);
        sb.append(' ').append(pick(other ? TRANSITIVE_PL : TRANSITIVE, r));
        return 1 + inner;
    }

    /** Appends VP[plural]; returns the depth nested in its object. */
    private static int verbPhrase(StringBuilder sb, SplittableRandom r, boolean plural, int budget, double pRel) {
        if (r.nextInt(3) == 0) {
            sb.append(pick(plural ? INTRANSITIVE_PL : INTRANSITIVE, r));
            return 0;
        }
        sb.append(pick(plural ? TRANSITIVE_PL : TRANSITIVE, r)).append(' ');
        return nounPhrase(sb, r, r.nextBoolean(), budget, pRel);
    }

    private static String pick(List<String> words, SplittableRandom r) {
        return words.get(r.nextInt(words.size()));
    }

    /** The word lists, for tests that parse the text independently: nouns, plural nouns, transitive, plural, intransitive, plural, determiners, plural, adjectives. */
    static List<List<String>> lexicon() {
        return List.of(NOUNS, NOUNS_PL, TRANSITIVE, TRANSITIVE_PL, INTRANSITIVE, INTRANSITIVE_PL, DET, DET_PL, ADJ);
    }
}
