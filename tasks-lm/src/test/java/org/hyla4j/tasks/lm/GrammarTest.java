package org.hyla4j.tasks.lm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The synthetic corpus against a parser written independently of the generator: every sentence is grammatical, verbs
 * agree with their subjects across nesting, and the nesting depth is what the split promises.
 */
class GrammarTest {

    private static final List<List<String>> LEX = Grammar.lexicon();

    /** A recursive-descent parser of the grammar in Grammar's doc comment; returns depths, fails on any error. */
    static final class Parser {
        private final String[] w;
        private int i;

        Parser(String sentence) {
            w = sentence.trim().split(" ");
        }

        /** S → NP[n] VP[n] "." ; returns the sentence's depth. */
        int sentence() {
            int[] np = nounPhrase();
            int vp = verbPhrase(np[1] == 1);
            expect(".");
            assertThat(i).as("trailing words").isEqualTo(w.length);
            return Math.max(np[0], vp);
        }

        /** Returns {depth, plural ? 1 : 0}. */
        private int[] nounPhrase() {
            String det = next();
            boolean sgDet = LEX.get(6).contains(det);
            boolean plDet = LEX.get(7).contains(det);
            assertThat(sgDet || plDet).as("determiner '%s' at %d", det, i).isTrue();
            if (LEX.get(8).contains(peek())) {
                next();
            }
            String noun = next();
            boolean plural = LEX.get(1).contains(noun);
            assertThat(plural || LEX.get(0).contains(noun)).as("noun '%s'", noun).isTrue();
            assertThat(plural ? plDet : sgDet).as("determiner '%s' agrees with '%s'", det, noun).isTrue();
            int depth = 0;
            if ("that".equals(peek())) {
                next();
                if (LEX.get(6).contains(peek()) || LEX.get(7).contains(peek())) { // object relative: NP[m] Vt[m]
                    int[] inner = nounPhrase();
                    String verb = next();
                    assertThat(LEX.get(inner[1] == 1 ? 3 : 2)).as("object-relative verb '%s' agrees", verb).contains(verb);
                    depth = 1 + inner[0];
                } else {
                    depth = 1 + verbPhrase(plural);
                }
            }
            return new int[] {depth, plural ? 1 : 0};
        }

        private int verbPhrase(boolean plural) {
            String verb = next();
            if (LEX.get(plural ? 5 : 4).contains(verb)) {
                return 0;
            }
            assertThat(LEX.get(plural ? 3 : 2)).as("verb '%s' agrees with a %s subject", verb, plural ? "plural" : "singular").contains(verb);
            return nounPhrase()[0];
        }

        private String next() {
            assertThat(i).as("sentence ended early").isLessThan(w.length);
            return w[i++];
        }

        private String peek() {
            return i < w.length ? w[i] : "";
        }

        private void expect(String s) {
            assertThat(next()).isEqualTo(s);
        }
    }

    private static List<Integer> depths(byte[] text) {
        String s = new String(text, StandardCharsets.US_ASCII);
        String[] sentences = s.substring(0, s.lastIndexOf(" .") + 2).split(" \\. ?");
        List<Integer> out = new ArrayList<>();
        for (String sentence : sentences) {
            out.add(new Parser(sentence + " .").sentence());
        }
        return out;
    }

    @Test
    void trainingTextIsGrammaticalAndNestsAtMostMaxDepth() {
        List<Integer> d = depths(new Grammar(2).text(7, 200_000, false));
        assertThat(d.size()).isGreaterThan(1_000);
        assertThat(d).allMatch(x -> x <= 2);
        assertThat(d).as("every depth up to the maximum occurs").contains(0, 1, 2);
    }

    @Test
    void heldOutTextNestsDeeperThanAnyTrainingText() {
        List<Integer> d = depths(new Grammar(2).text(8, 100_000, true));
        assertThat(d).allMatch(x -> x == 3 || x == 4).contains(3, 4);
    }

    @Test
    void theSameSeedGivesTheSameText() {
        assertThat(new Grammar(1).text(3, 5_000, false)).isEqualTo(new Grammar(1).text(3, 5_000, false))
                .isNotEqualTo(new Grammar(1).text(4, 5_000, false));
    }
}
