package org.hyla4j.api.attention;

/**
 * T5-style relative-position buckets exactly as the paper's code builds them (docs/model.md §2.3):
 * unidirectional even without a causal mask, so every key to the right of the query shares bucket 0
 * with the diagonal; n_b = max distance = the configured sequence length.
 */
public final class RelativePositionBuckets {

    private RelativePositionBuckets() {
    }

    /** The bucket of relative position {@code queryPos - keyPos} with {@code numBuckets} buckets. */
    public static int bucket(int queryPos, int keyPos, int numBuckets) {
        int n = Math.max(queryPos - keyPos, 0);
        int maxExact = numBuckets / 2;
        if (n < maxExact) {
            return n;
        }
        // computed in float32 like the reference; float64 gives the same table for T <= 96
        float eps = (float) Math.pow(2, -23);
        float logRatio = (float) Math.log((float) n / maxExact + eps) / (float) Math.log(2.0);
        int large = maxExact + (int) Math.floor(logRatio * maxExact);
        return Math.min(numBuckets - 1, large);
    }

    /** Bucket for each distance n = 0..T−1 (the table of docs/model.md §2.3). */
    public static int[] distanceTable(int numBuckets) {
        int[] table = new int[numBuckets];
        for (int n = 0; n < numBuckets; n++) {
            table[n] = bucket(n, 0, numBuckets);
        }
        return table;
    }

    /** Bucket index for every (q, k), row-major (T, T), for a sequence of {@code seqLen} tokens. */
    public static int[] matrix(int seqLen, int numBuckets) {
        int[] m = new int[seqLen * seqLen];
        for (int q = 0; q < seqLen; q++) {
            for (int k = 0; k < seqLen; k++) {
                m[q * seqLen + k] = bucket(q, k, numBuckets);
            }
        }
        return m;
    }
}
