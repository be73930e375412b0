package org.hyla4j.runner.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyla4j.core.io.AtomicFile;
import org.hyla4j.runner.base.Json;
import org.hyla4j.core.train.TrainingListener;

/**
 * {@code metrics.jsonl}: one JSON object per line, flushed as written, so an interrupted run keeps
 * everything it logged. Training records ({@code type = train}) every {@code logEvery} steps and on
 * the last step; evaluation records ({@code type = eval}) every evaluation. A resumed run first drops
 * records past its checkpoint, so the file reads as one uninterrupted run. Every record carries {@code wall_s},
 * the training wall time so far summed over the segments of a resumed run (time spent past the checkpoint
 * an interrupted segment resumed from is not counted, as that work is redone).
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {

    /** File name inside a run directory. */
    public static final String FILE = "metrics.jsonl";
    /** Key of an eval line: the seconds the evaluation took. */
    public static final String EVAL_SECONDS = "eval_s";
    /** Key of a checkpoint line: the seconds writing the checkpoint took. */
    public static final String CHECKPOINT_SECONDS = "checkpoint_s";

    private final Path file;
    private final int logEvery;
    private long totalSteps;
    private BufferedWriter writer;
    private double earlierSeconds;
    private long startNanos;

    public MetricsLog(Path file, int logEvery) {
        this.file = file;
        this.logEvery = logEvery;
    }

    @Override
    public void onStart(long startStep, long total, long parameterCount) {
        this.totalSteps = total;
        try {
            List<String> keep = new ArrayList<>();
            earlierSeconds = 0;
            if (startStep > 0 && Files.exists(file)) {
                for (JsonNode n : read(file)) {
                    if (n.path("step").asLong() <= startStep) {
                        keep.add(Json.LINE.writeValueAsString(n));
                        earlierSeconds = Math.max(earlierSeconds, n.path("wall_s").asDouble(0));
                    }
                }
            }
            startNanos = System.nanoTime();
            AtomicFile.writeString(file, keep.isEmpty() ? "" : String.join("\n", keep) + "\n"); // a crash here keeps the old file
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean wantsGradNorm(long step) {
        return step % logEvery == 0 || step == totalSteps || step == 1;
    }

    @Override
    public void onStep(StepReport r) {
        if (wantsGradNorm(r.step())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "train");
            m.put("step", r.step());
            m.put("loss", r.loss());
            m.put("lr", r.lr());
            m.put("grad_norm", r.gradNorm());
            m.put("steps_per_s", r.stepsPerSecond());
            m.put("rss_mb", org.hyla4j.runner.base.ProcessMemory.rssMb());
            write(m);
        }
    }

    @Override
    public void onEval(long step, Map<String, Double> metrics, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "eval");
        m.put("step", step);
        m.putAll(metrics);
        m.put(EVAL_SECONDS, millis(seconds));
        write(m);
    }

    /** A {@code checkpoint} line with the seconds the write took, so a run's overhead can be read from its own metrics. */
    @Override
    public void onCheckpoint(long step, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "checkpoint");
        m.put("step", step);
        m.put(CHECKPOINT_SECONDS, millis(seconds));
        write(m);
    }

    /** Seconds rounded to the millisecond, as the log keeps times. */
    private static double millis(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    /** Training wall time so far, over every segment of a resumed run (see the class comment). */
    public double wallSeconds() {
        return earlierSeconds + (System.nanoTime() - startNanos) / 1e9;
    }

    private void write(Map<String, Object> record) {
        record.put("wall_s", millis(wallSeconds()));
        try {
            writer.write(Json.LINE.writeValueAsString(record));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every record of a metrics file; a malformed line ends the read (a line cut by a crash). */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(Json.LINE.readTree(line));
            } catch (IOException e) {
                break;
            }
        }
        return out;
    }

    /**
     * The last record of each type ({@code train}, {@code eval}, {@code checkpoint}, …) in a run directory's metrics
     * file, in the order the types first appear; empty when the run has logged nothing yet.
     */
    public static Map<String, JsonNode> lastOfType(Path runDir) throws IOException {
        Path f = runDir.resolve(FILE);
        Map<String, JsonNode> last = new LinkedHashMap<>();
        if (Files.exists(f)) {
            for (JsonNode n : read(f)) {
                last.put(n.path("type").asText(), n);
            }
        }
        return last;
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }
}
