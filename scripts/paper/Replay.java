// Trains hyla4j on streams written by another run: the initial weights, the batches and the attention-dropout masks of
// scripts/paper/paper_streams.py (the paper's code) or of scripts/paper/Trajectory.java (hyla4j), each component taken
// from the directory or from hyla4j's own streams for the seed, and evaluates with hyla4j's evaluator. Same code,
// other streams: it separates what the streams do from what the code does, one component at a time.
//
//   java -cp runner/target/hyla4j-runner-*-all.jar scripts/paper/Replay.java STREAMS_DIR OUT.jsonl EVAL_EVERY [init,data,masks [STEPS [STREAM_SEED]]]
//
// The fourth argument names the components read from STREAMS_DIR (default all three); the others are hyla4j's own for
// the directory's seed, or of STREAM_SEED (the split stays the directory's seed's): `none` with another STREAM_SEED is
// another draw of hyla4j's streams on the same held-out pairs. The run is the fuzzy-a1-paper setting under the paper's split and decay mask, with the schedule
// of a 50,000-step run, for as many steps as the directory holds.
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyla4j.api.PluginRegistry;
import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.Task;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.api.util.Seeds;
import org.hyla4j.core.nn.HylaTransformer;
import org.hyla4j.core.nn.ModelConfig;
import org.hyla4j.core.nn.Models;
import org.hyla4j.core.train.AdamW;
import org.hyla4j.core.train.DecayMask;
import org.hyla4j.core.train.DropoutMasks;
import org.hyla4j.core.train.Evaluator;
import org.hyla4j.core.train.WarmupCosineSchedule;

public class Replay {

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: Replay STREAMS_DIR OUT.jsonl EVAL_EVERY [init,data,masks]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int evalEvery = Integer.parseInt(args[2]);
        Set<String> from = new java.util.HashSet<>(List.of((args.length > 3 ? args[3] : "init,data,masks").split(",")));
        from.remove("none");
        JsonNode index = new ObjectMapper().readTree(dir.resolve("index.json").toFile());
        String attentionId = index.get("attention").asText();
        long seed = index.get("seed").asLong();
        long streamSeed = args.length > 5 ? Long.parseLong(args[5]) : seed;
        int steps = args.length > 4 ? Math.min(Integer.parseInt(args[4]), index.get("steps").asInt()) : index.get("steps").asInt();
        System.setProperty("ai.djl.offline", "true");
        // one intra-op thread unless told otherwise: these small models run several side by side (as sweeps do)
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "1"));
        System.setProperty("ai.djl.pytorch.num_interop_threads", System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
        ClassLoader loader = Replay.class.getClassLoader();
        AttentionLayer attention = PluginRegistry.load(AttentionLayer.class, "attention", loader).get(attentionId);
        Task task = PluginRegistry.load(Task.class, "task", loader).get("fuzzylogic");
        TaskInstance instance = task.configure(Map.of("seq_len", "32", "frac_test", "0.7", "split", "jax"), seed);
        float dropout = 0.1f;
        ModelConfig mc = ModelConfig.forTask(instance).layers(2).modelDim(128).numHeads(8).qkDim(16).vDim(16).mlpDim(256)
                .attentionDropout(dropout).build();
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            HylaTransformer model = Models.build(manager, mc, attention, Seeds.derive(streamSeed, Seeds.INIT));
            List<Pair<String, Parameter>> params = new ArrayList<>();
            model.getParameters().forEach(params::add);
            if (from.contains("init")) {
                for (Pair<String, Parameter> p : params) {
                    float[] v = npy(dir.resolve("params-0").resolve(p.getKey() + ".npy"));
                    if (v.length != p.getValue().getArray().getShape().size()) {
                        throw new IllegalStateException(p.getKey() + ": " + v.length + " values for " + p.getValue().getArray().getShape());
                    }
                    p.getValue().getArray().set(v);
                }
            }
            params.forEach(p -> p.getValue().getArray().setRequiresGradient(true));
            AdamW adam = new AdamW(params, 0.1, DecayMask.PAPER, manager);
            WarmupCosineSchedule schedule = new WarmupCosineSchedule(1e-3, 100, 50_000);
            Evaluator evaluator = new Evaluator(instance, seed, 16_000);
            long dataSeed = Seeds.derive(streamSeed, Seeds.DATA);
            long dropoutSeed = Seeds.derive(streamSeed, Seeds.DROPOUT);
            long started = System.nanoTime();
            for (int t = 0; t < steps; t++) {
                double lr = schedule.at(t);
                float[] x;
                float[] y;
                if (from.contains("data")) {
                    x = npy(dir.resolve("batches/x-" + t + ".npy"));
                    y = npy(dir.resolve("batches/y-" + t + ".npy"));
                } else {
                    Batch b = instance.sample("train", dataSeed, t, 128);
                    x = b.inputs();
                    y = b.targets();
                }
                double loss;
                try (NDManager m = manager.newSubManager()) {
                    List<NDArray> masks = new ArrayList<>();
                    if (from.contains("masks")) {
                        for (int l = 0; l < mc.layers(); l++) {
                            masks.add(m.create(npy(dir.resolve("batches/mask-" + t + "-" + l + ".npy")), new Shape(1, 1, 32, 32)));
                        }
                    } else {
                        masks = DropoutMasks.forStep(m, dropoutSeed, t, mc.layers(), 32, dropout);
                    }
                    NDArray xs = m.create(x, new Shape(y.length, 32, 5));
                    NDArray ys = m.create(y, new Shape(y.length));
                    NDArray l;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        l = instance.loss(model.forward(new ParameterStore(m, false), xs, masks, true, false).prediction(), ys);
                        gc.backward(l);
                    }
                    loss = l.getFloat();
                    adam.update(lr, m, false);
                }
                int done = t + 1;
                if (done % evalEvery == 0 || done == steps) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("step", done);
                    row.put("from", String.join(",", new java.util.TreeSet<>(from)));
                    row.put("stream_seed", streamSeed);
                    row.put("loss", loss);
                    row.put("wall_s", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
                    row.putAll(evaluator.evaluate(model, manager));
                    String line = new ObjectMapper().writeValueAsString(row);
                    System.out.println(line);
                    Files.writeString(out, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
        }
    }

    /** A little-endian float32 .npy file's values. */
    static float[] npy(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int headerLength = (all[8] & 0xff) | ((all[9] & 0xff) << 8);
        String header = new String(all, 10, headerLength, StandardCharsets.US_ASCII);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
            throw new IllegalStateException(file + ": not a C-order float32 array (" + header.trim() + ")");
        }
        ByteBuffer buf = ByteBuffer.wrap(all, 10 + headerLength, all.length - 10 - headerLength).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[buf.remaining() / 4];
        buf.asFloatBuffer().get(v);
        return v;
    }
}
