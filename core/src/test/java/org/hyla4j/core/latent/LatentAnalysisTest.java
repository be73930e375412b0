package org.hyla4j.core.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hyla4j.core.latent.LatentCodes;
import org.junit.jupiter.api.Test;

/** The hand-written analysis against known answers. */
class LatentAnalysisTest {

    /** n codes of width d whose label k shifts dimension k: planted structure when strength > 0. */
    static LatentCodes codes(int n, int d, int classes, double strength, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (r.nextGaussian() + (j == y[i] ? strength : 0));
            }
        }
        return new LatentCodes(List.of(x, x.clone()), List.of(y), d);
    }

    @Test
    void macroF1OfAKnownConfusion() {
        // class 0: tp 2, fn 1, fp 1 -> F1 = 4/6; class 1: tp 1, fp 1, fn 1 -> F1 = 2/4
        int[] truth = {0, 0, 0, 1, 1};
        int[] pred = {0, 0, 1, 1, 0};
        assertThat(LogisticRegression.macroF1(truth, pred)).isCloseTo((4.0 / 6 + 0.5) / 2, within(1e-12));
        assertThat(LogisticRegression.macroF1(truth, truth)).isEqualTo(1.0);
    }

    @Test
    void decoderFindsPlantedStructureAndSitsAtChanceOnRandomCodes() {
        LatentCodes train = codes(800, 8, 6, 6.0, 1);
        LatentCodes test = codes(400, 8, 6, 6.0, 2);
        for (LatentAnalysis.Decoding d : LatentAnalysis.decode(train, test, List.of("rule"), 3)) {
            assertThat(d.f1()).as("layer %d", d.layer()).isGreaterThan(0.97);
            assertThat(d.shuffled()).isLessThan(0.35);
            assertThat(d.chance()).isCloseTo(1.0 / 6, within(0.05));
        }
        LatentCodes noiseTrain = codes(800, 8, 6, 0.0, 4);
        LatentCodes noiseTest = codes(400, 8, 6, 0.0, 5);
        for (LatentAnalysis.Decoding d : LatentAnalysis.decode(noiseTrain, noiseTest, List.of("rule"), 3)) {
            assertThat(d.f1()).isCloseTo(d.chance(), within(0.08));
        }
    }

    @Test
    void twoClassesSeparatedByAThresholdAreLearned() {
        float[] x = {-3, -2, -1, -0.5f, 0.5f, 1, 2, 3};
        int[] y = {7, 7, 7, 7, 9, 9, 9, 9};
        LogisticRegression lr = LogisticRegression.fit(x, 1, y, 0, 500);
        assertThat(lr.predict(new float[] {-10, -0.2f, 0.2f, 10}, 1)).containsExactly(7, 7, 9, 9);
    }

    @Test
    void pcaFindsTheLineAndTsneKeepsClustersApart() {
        float[] line = new float[40];
        for (int i = 0; i < 20; i++) {
            line[2 * i] = i;
            line[2 * i + 1] = 2 * i;
        }
        double[][] p = Embeddings.pca(line, 2);
        for (int i = 0; i < 20; i++) {
            assertThat(Math.abs(p[i][1])).isLessThan(1e-9);
            assertThat(Math.abs(p[i][0])).isCloseTo(Math.abs(i - 9.5) * Math.sqrt(5), within(1e-9));
        }
        LatentCodes two = codes(120, 5, 2, 12.0, 9);
        float[] x = two.features().get(0);
        int[] y = two.labels().get(0);
        double[][] e = Embeddings.tsne(x, 5, 20, 400, 1);
        int right = 0;
        for (int i = 0; i < e.length; i++) {
            int nearest = -1;
            double best = Double.MAX_VALUE;
            for (int j = 0; j < e.length; j++) {
                double dd = Math.pow(e[i][0] - e[j][0], 2) + Math.pow(e[i][1] - e[j][1], 2);
                if (j != i && dd < best) {
                    best = dd;
                    nearest = j;
                }
            }
            right += y[nearest] == y[i] ? 1 : 0;
        }
        assertThat(right).isEqualTo(e.length);
    }

    @Test
    void cosineOfMeanCodes() {
        float[] x = {1, 0, 3, 0, 0, 2, 1, 1};
        int[] y = {0, 0, 1, 2};
        Map<Integer, double[]> cos = LatentAnalysis.cosineOfMeans(x, 2, y, false);
        // means: label 0 -> (2, 0), label 1 -> (0, 2), label 2 -> (1, 1)
        assertThat(cos.get(0)).containsExactly(new double[] {1, 0, Math.sqrt(0.5)}, within(1e-12));
        assertThat(cos.get(2)[1]).isCloseTo(Math.sqrt(0.5), within(1e-12));
        // centred on the overall mean (1.25, 0.75): (0.75, −0.75), (−1.25, 1.25), (−0.25, 0.25)
        Map<Integer, double[]> centred = LatentAnalysis.cosineOfMeans(x, 2, y, true);
        assertThat(centred.get(0)).containsExactly(new double[] {1, -1, -1}, within(1e-12));
        assertThat(centred.get(1)[2]).isCloseTo(1, within(1e-12));
    }
}
