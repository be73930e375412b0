package org.hyla4j.tasks.lm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.hyla4j.api.InvalidSettingException;

/**
 * The text a language model trains on, as bytes, and its three splits in contiguous blocks so that no window of one split
 * overlaps another (docs/model.md §9.1):
 * <ul>
 *   <li>{@code ood}: the last {@code fracOod} of the text (for a file, its tail; for the synthetic corpus, separately
 *       generated text nested deeper than any training text);</li>
 *   <li>{@code test}: evenly spaced blocks making up {@code fracTest} of the rest;</li>
 *   <li>{@code train}: the other blocks.</li>
 * </ul>
 * A block holds {@link #BLOCK_WINDOWS} windows of T + 1 bytes, and windows are drawn inside one block, never across two.
 * The vocabulary is the set of byte values in the text (a compact byte-level vocabulary, as in character-level models).
 */
final class Corpus {

    /** Windows of T + 1 bytes per block. */
    static final int BLOCK_WINDOWS = 8;
    /** Blocks the in-distribution text must at least hold, so that both train and test have some. */
    static final int MIN_BLOCKS = 4;

    private final byte[] inDistribution;
    private final byte[] ood;
    private final int blockLength;
    private final List<Integer> trainBlocks = new ArrayList<>();
    private final List<Integer> testBlocks = new ArrayList<>();
    private final int[] tokenOf = new int[256];
    private final int[] byteOf;
    private final String sha256;

    /**
     * @param source how the text is named in messages
     * @param inDistribution the text train and test come from
     * @param ood the held-out text
     * @param window T + 1
     * @param fracTest the share of in-distribution blocks held out for test
     */
    Corpus(String source, byte[] inDistribution, byte[] ood, int window, double fracTest) {
        this.inDistribution = inDistribution;
        this.ood = ood;
        this.blockLength = BLOCK_WINDOWS * window;
        int blocks = inDistribution.length / blockLength;
        InvalidSettingException.check(blocks >= MIN_BLOCKS && ood.length >= window,
                "corpus %s is too small for seq_len %d: its in-distribution part has %d bytes and needs at least %d (%d blocks of %d windows "
                        + "of %d bytes), its held-out part has %d and needs at least %d",
                source, window - 1, inDistribution.length, MIN_BLOCKS * blockLength, MIN_BLOCKS, BLOCK_WINDOWS, window, ood.length, window);
        for (int i = 0; i < blocks; i++) {
            boolean test = Math.floor((i + 1) * fracTest) > Math.floor(i * fracTest); // evenly spaced, fracTest of them
            (test ? testBlocks : trainBlocks).add(i);
        }
        InvalidSettingException.check(!testBlocks.isEmpty() && !trainBlocks.isEmpty(),
                "corpus %s: frac_test %s leaves %d test and %d training blocks of %d bytes; both need at least one", source, fracTest,
                testBlocks.size(), trainBlocks.size(), blockLength);
        java.util.Arrays.fill(tokenOf, -1);
        int n = 0;
        boolean[] seen = new boolean[256];
        for (byte[] part : new byte[][] {inDistribution, ood}) {
            for (byte b : part) {
                seen[b & 0xff] = true;
            }
        }
        List<Integer> bytes = new ArrayList<>();
        for (int v = 0; v < 256; v++) {
            if (seen[v]) {
                tokenOf[v] = n++;
                bytes.add(v);
            }
        }
        byteOf = bytes.stream().mapToInt(Integer::intValue).toArray();
        sha256 = sha256(inDistribution, ood);
    }

    /** Reads a UTF-8 file; the last {@code fracOod} of its bytes are the held-out tail. Missing, empty or non-UTF-8: one clear error. */
    static Corpus read(Path file, int window, double fracTest, double fracOod) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidSettingException("corpus " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidSettingException("cannot read corpus " + file + ": " + e.getMessage());
        }
        InvalidSettingException.check(all.length > 0, "corpus %s is empty", file);
        // one pass: the decoder stops at the first bad sequence, and the input's position is its offset
        ByteBuffer in = ByteBuffer.wrap(all);
        CoderResult r = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, CharBuffer.allocate(all.length), true);
        InvalidSettingException.check(!r.isError(), "corpus %s is not UTF-8 text (%s input of %d byte(s) at byte %d)", file,
                r.isMalformed() ? "malformed" : "unmappable", r.isError() ? r.length() : 0, in.position());
        int cut = all.length - (int) Math.ceil(all.length * fracOod);
        return new Corpus(file.toString(), java.util.Arrays.copyOfRange(all, 0, cut), java.util.Arrays.copyOfRange(all, cut, all.length), window,
                fracTest);
    }

    /** Vocabulary size V: the distinct byte values of the text. */
    int vocabulary() {
        return byteOf.length;
    }

    /** The token of byte value {@code b} (0..255). */
    int token(int b) {
        return tokenOf[b & 0xff];
    }

    /** The byte value of token {@code t}. */
    int byteOf(int t) {
        return byteOf[t];
    }

    /** SHA-256 of the text, for provenance. */
    String sha256() {
        return sha256;
    }

    /** Bytes in each split: train, test, ood. */
    long[] splitBytes() {
        return new long[] {(long) trainBlocks.size() * blockLength, (long) testBlocks.size() * blockLength, ood.length};
    }

    /**
     * The start offset of a window of {@code window} bytes drawn with {@code r} in {@code split}, and the text it is in:
     * {@code [text index (0 in-distribution, 1 ood), offset]}.
     */
    long[] window(String split, int window, java.util.SplittableRandom r) {
        if (split.equals("ood")) {
            return new long[] {1, r.nextInt(ood.length - window + 1)};
        }
        List<Integer> blocks = split.equals("test") ? testBlocks : trainBlocks;
        int block = blocks.get(r.nextInt(blocks.size()));
        return new long[] {0, (long) block * blockLength + r.nextInt(blockLength - window + 1)};
    }

    /** Byte {@code i} of text {@code part} (0 in-distribution, 1 ood). */
    int byteAt(long part, long i) {
        return (part == 0 ? inDistribution : ood)[(int) i] & 0xff;
    }

    /** The bytes of one whole split, in order (train: its blocks one after the other), for statistics. */
    byte[] splitText(String split) {
        if (split.equals("ood")) {
            return ood.clone();
        }
        List<Integer> blocks = split.equals("test") ? testBlocks : trainBlocks;
        byte[] out = new byte[blocks.size() * blockLength];
        for (int i = 0; i < blocks.size(); i++) {
            System.arraycopy(inDistribution, blocks.get(i) * blockLength, out, i * blockLength, blockLength);
        }
        return out;
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
