package org.hyla4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.hyla4j.api.InvalidSettingException;
import org.hyla4j.core.io.AtomicFile;

/**
 * The whole training state in one file: the step, every parameter, and AdamW's two moments. Data and
 * dropout are pure functions of (seed, step), so the step is the complete RNG state. Written with
 * {@link AtomicFile} (a temporary file forced to disk, then moved); a CRC-32 at the end detects truncation and corruption.
 */
public final class Checkpoint {

    /** File name inside a run directory. */
    public static final String FILE = "checkpoint.bin";
    private static final int MAGIC = 0x48594C41; // "HYLA"
    private static final int FORMAT = 1;

    private Checkpoint() {
    }

    /** Saves after {@code completedSteps} updates. */
    public static void save(Path file, long completedSteps, List<Pair<String, Parameter>> params, AdamW adam) throws IOException {
        AtomicFile.write(file, sink -> {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(sink, crc));
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeLong(completedSteps);
            out.writeLong(adam.updates());
            out.writeInt(params.size());
            for (int i = 0; i < params.size(); i++) {
                out.writeUTF(params.get(i).getKey());
                NDArray p = params.get(i).getValue().getArray();
                long[] shape = p.getShape().getShape();
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                write(out, p.toFloatArray());
                write(out, adam.firstMoments().get(i).toFloatArray());
                write(out, adam.secondMoments().get(i).toFloatArray());
            }
            out.writeLong(crc.getValue());
            out.flush();
        });
    }

    private static void write(DataOutputStream out, float[] values) throws IOException {
        for (float f : values) {
            out.writeFloat(f);
        }
    }

    /**
     * Restores parameters and moments; returns the number of completed steps. A missing, truncated,
     * corrupt or mismatched file is a {@link InvalidSettingException} naming it.
     */
    public static long load(Path file, List<Pair<String, Parameter>> params, AdamW adam) {
        CRC32 crc = new CRC32();
        try (DataInputStream in = new DataInputStream(new CheckedInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16), crc))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                throw corrupt(file, "not a hyla4j checkpoint");
            }
            long steps = in.readLong();
            long updates = in.readLong();
            int n = in.readInt();
            if (n != params.size()) {
                throw corrupt(file, "it holds " + n + " parameters, the model has " + params.size());
            }
            float[][][] values = new float[n][][];
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                NDArray p = params.get(i).getValue().getArray();
                long[] shape = new long[in.readInt()];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readLong();
                }
                if (!name.equals(params.get(i).getKey()) || !Arrays.equals(shape, p.getShape().getShape())) {
                    throw corrupt(file, "parameter " + name + " does not match the model's " + params.get(i).getKey());
                }
                int size = (int) p.getShape().size();
                values[i] = new float[][] {read(in, size), read(in, size), read(in, size)};
            }
            long expected = crc.getValue();
            if (in.readLong() != expected) {
                throw corrupt(file, "checksum mismatch");
            }
            for (int i = 0; i < n; i++) {
                params.get(i).getValue().getArray().set(values[i][0]);
                adam.firstMoments().get(i).set(values[i][1]);
                adam.secondMoments().get(i).set(values[i][2]);
            }
            adam.setUpdates(updates);
            return steps;
        } catch (NoSuchFileException e) {
            throw new InvalidSettingException("no checkpoint at " + file);
        } catch (EOFException e) {
            throw corrupt(file, "file is truncated");
        } catch (IOException e) {
            throw corrupt(file, e.getMessage());
        }
    }

    /**
     * The completed steps of an intact checkpoint, or -1 when the file is missing, truncated or corrupt (its checksum, read
     * without a model, does not match): how a resumed run tells a good checkpoint from a half-written or damaged one.
     */
    public static long verify(Path file) {
        CRC32 crc = new CRC32();
        try (DataInputStream in = new DataInputStream(new CheckedInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16), crc))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                return -1;
            }
            long steps = in.readLong();
            in.readLong();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                in.readUTF();
                long size = 1;
                int rank = in.readInt();
                for (int d = 0; d < rank; d++) {
                    size *= in.readLong();
                }
                in.readFully(new byte[Math.toIntExact(3 * 4 * size)]);
            }
            long expected = crc.getValue();
            return in.readLong() == expected ? steps : -1;
        } catch (IOException | ArithmeticException | OutOfMemoryError | NegativeArraySizeException e) {
            return -1;
        }
    }

    private static float[] read(DataInputStream in, int size) throws IOException {
        float[] f = new float[size];
        for (int i = 0; i < size; i++) {
            f[i] = in.readFloat();
        }
        return f;
    }

    private static InvalidSettingException corrupt(Path file, String why) {
        return new InvalidSettingException("corrupt checkpoint " + file + ": " + why);
    }
}
