package org.hyla4j.runner.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hyla4j.runner.base.UsageException;

/**
 * PyTorch's operator profiler around the timed steps of a benchmark ({@code bench --profile DIR}): writes
 * the Chrome trace and summarises it as self time per operator (an operator's time minus that of the
 * operators it called), which is what tells element-wise overhead from matmul time.
 */
public final class OpProfile {

    /**
     * One operator's share.
     *
     * @param op operator name, e.g. {@code aten::mul}
     * @param calls calls in the profiled steps
     * @param selfMs self time in milliseconds over the profiled steps
     */
    public record Op(String op, long calls, double selfMs) {
    }

    private OpProfile() {
    }

    /** Starts the profiler (PyTorch engine only). */
    public static void start() {
        UsageException.check("PyTorch".equals(Engine.getInstance().getEngineName()), "--profile needs the PyTorch engine");
        JniUtils.startProfile(false, true, false);
    }

    /** Stops the profiler and writes its Chrome trace to {@code trace}. */
    public static void stop(Path trace) {
        JniUtils.stopProfile(trace.toString());
    }

    /** Self time per operator from a Chrome trace, largest first. */
    public static List<Op> summarise(Path trace) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(trace));
        JsonNode events = root.isArray() ? root : root.path("traceEvents");
        Map<String, List<double[]>> byThread = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (JsonNode e : events) {
            if (!"X".equals(e.path("ph").asText()) || !e.has("dur")) {
                continue;
            }
            names.add(e.path("name").asText());
            byThread.computeIfAbsent(e.path("pid").asText() + "/" + e.path("tid").asText(), k -> new ArrayList<>())
                    .add(new double[] {e.path("ts").asDouble(), e.path("dur").asDouble(), names.size() - 1});
        }
        Map<String, double[]> totals = new HashMap<>(); // name -> {calls, self µs}
        for (List<double[]> list : byThread.values()) {
            list.sort(Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> -a[1]));
            Deque<double[]> open = new ArrayDeque<>(); // {end, self, nameIndex}
            for (double[] ev : list) {
                while (!open.isEmpty() && open.peek()[0] <= ev[0]) {
                    close(open.pop(), names, totals);
                }
                if (!open.isEmpty()) {
                    open.peek()[1] -= ev[1];
                }
                open.push(new double[] {ev[0] + ev[1], ev[1], ev[2]});
            }
            while (!open.isEmpty()) {
                close(open.pop(), names, totals);
            }
        }
        List<Op> ops = new ArrayList<>();
        totals.forEach((k, v) -> ops.add(new Op(k, (long) v[0], v[1] / 1e3)));
        ops.sort(Comparator.comparingDouble(Op::selfMs).reversed());
        return ops;
    }

    private static void close(double[] ev, List<String> names, Map<String, double[]> totals) {
        double[] t = totals.computeIfAbsent(names.get((int) ev[2]), k -> new double[2]);
        t[0]++;
        t[1] += Math.max(0, ev[1]);
    }

    /** The top {@code n} operators as a Markdown table, per step. */
    public static String table(List<Op> ops, int n, int steps) {
        double total = ops.stream().mapToDouble(Op::selfMs).sum();
        StringBuilder sb = new StringBuilder("| operator | calls/step | self ms/step | share |\n|---|---:|---:|---:|\n");
        for (Op o : ops.subList(0, Math.min(n, ops.size()))) {
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.1f %% |%n", o.op(), (double) o.calls() / steps, o.selfMs() / steps,
                    100 * o.selfMs() / total));
        }
        sb.append(String.format(Locale.ROOT, "| all operators | %.1f | %.2f | 100 %% |%n",
                ops.stream().mapToLong(Op::calls).sum() / (double) steps, total / steps));
        return sb.toString();
    }
}
