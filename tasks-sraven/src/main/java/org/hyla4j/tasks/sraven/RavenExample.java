package org.hyla4j.tasks.sraven;

/**
 * The latent and the grid of one SRAVEN problem.
 *
 * @param rules the rule index of each original feature slot (a sorted multiset)
 * @param permutations π_c for each column c: displayed[slot] = original[π_c(slot)]; identity when unpermuted
 * @param displayed the displayed grid [row][col][slot], answer panel included
 */
public record RavenExample(int[] rules, int[][] permutations, int[][][] displayed) {
}
