package org.hyla4j.tasks.fuzzylogic;

/**
 * The latent of one fuzzy-logic sequence.
 *
 * @param function the fuzzy DNF that produced every y of the sequence
 */
public record FuzzyExample(FuzzyFunction function) {
}
