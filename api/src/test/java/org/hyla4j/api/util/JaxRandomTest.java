package org.hyla4j.api.util;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hyla4j.api.util.JaxRandom.Key;
import org.hyla4j.api.util.JaxRandom.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** JAX's threefry keys, splits, bits and permutations against the values JAX printed (jax-random-vectors.json). */
class JaxRandomTest {

    private static final JsonObject VECTORS = load();

    private static JsonObject load() {
        try (var in = JaxRandomTest.class.getResourceAsStream("jax-random-vectors.json")) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long[] longs(JsonArray a) {
        return java.util.stream.IntStream.range(0, a.size()).mapToLong(i -> a.get(i).getAsLong()).toArray();
    }

    private static long[] unsigned(int[] a) {
        return Arrays.stream(a).mapToLong(Integer::toUnsignedLong).toArray();
    }

    private static long[] words(Key k) {
        return new long[] {Integer.toUnsignedLong(k.k1()), Integer.toUnsignedLong(k.k2())};
    }

    @Test
    void threefryBlockMatchesTheReferenceVectors() {
        // Random123's known-answer tests for threefry2x32 with 20 rounds, which JAX's own tests use too
        assertThat(unsigned(JaxRandom.threefry2x32(0, 0, 0, 0))).containsExactly(0x6b200159L, 0x99ba4efeL);
        assertThat(unsigned(JaxRandom.threefry2x32(-1, -1, -1, -1))).containsExactly(0x1cb996fcL, 0xbb002be7L);
        assertThat(unsigned(JaxRandom.threefry2x32(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3)))
                .containsExactly(0xc4923a9cL, 0x483df7a0L);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void keysSplitsBitsAndPermutationsAreJaxs(Mode mode) {
        JsonObject v = VECTORS.getAsJsonObject(mode.name().toLowerCase(java.util.Locale.ROOT));
        for (long seed : new long[] {0, 1, 2, 12345}) {
            Key key = JaxRandom.key(seed);
            assertThat(words(key)).as("key %d", seed).containsExactly(longs(v.getAsJsonArray("key" + seed)));
            for (int n : new int[] {2, 3}) {
                Key[] split = JaxRandom.split(key, n, mode);
                JsonArray expected = v.getAsJsonArray(n == 2 ? "split" + seed : "split3_" + seed);
                for (int i = 0; i < n; i++) {
                    assertThat(words(split[i])).as("split(%d, %d)[%d]", seed, n, i).containsExactly(longs(expected.get(i).getAsJsonArray()));
                }
            }
            assertThat(unsigned(JaxRandom.bits(key, 5, mode))).as("bits %d", seed).containsExactly(longs(v.getAsJsonArray("bits" + seed)));
            assertThat(JaxRandom.permutation(key, 66, mode)).as("permutation 66, seed %d", seed)
                    .containsExactly(Arrays.stream(longs(v.getAsJsonArray("perm66_" + seed))).mapToInt(x -> (int) x).toArray());
            assertThat(JaxRandom.permutation(key, 330, mode)).as("permutation 330, seed %d", seed)
                    .containsExactly(Arrays.stream(longs(v.getAsJsonArray("perm330_" + seed))).mapToInt(x -> (int) x).toArray());
        }
        // 2,000 elements take two rounds of sorting
        assertThat(JaxRandom.permutation(JaxRandom.key(0), 2000, mode))
                .containsExactly(Arrays.stream(longs(v.getAsJsonArray("perm2000_0"))).mapToInt(x -> (int) x).toArray());
    }

    @Test
    void theIssuesVectorsOfThePartitionableMode() {
        // written down from JAX with its current threefry, independently of the JSON file
        assertThat(Arrays.copyOf(JaxRandom.permutation(JaxRandom.key(0), 66, Mode.PARTITIONABLE), 12))
                .containsExactly(0, 36, 1, 40, 19, 31, 39, 37, 41, 55, 53, 8);
        assertThat(Arrays.copyOf(JaxRandom.permutation(JaxRandom.key(2), 66, Mode.PARTITIONABLE), 6)).containsExactly(52, 58, 2, 59, 15, 53);
        assertThat(Arrays.copyOf(JaxRandom.permutation(JaxRandom.key(0), 330, Mode.PARTITIONABLE), 4)).containsExactly(166, 210, 0, 36);
        assertThat(unsigned(JaxRandom.bits(JaxRandom.key(0), 4, Mode.PARTITIONABLE)))
                .containsExactly(4070199207L, 4202968722L, 1427181096L, 2012915765L);
        assertThat(JaxRandom.permutation(JaxRandom.key(7), 1, Mode.PARTITIONABLE)).containsExactly(0);
    }
}
