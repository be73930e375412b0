// Trains a hyla4j model for a few steps exactly as TrainingLoop does and writes what a second implementation needs to
// replay them: the initial parameters, every step's batch and attention-dropout masks, every step's loss and
// learning rate, and the parameters after chosen steps, as .npy files with an index.json. scripts/paper/parity
// replays them with the paper's own code and compares.
//
//   java -cp runner/target/hyla4j-runner-*-all.jar scripts/paper/Trajectory.java OUT ATTENTION SEED STEPS [DUMP_STEPS]
//
// The run is the fuzzy-a1-paper setting (T 32, frac_test 0.7, D 128, 8 heads, attention dropout 0.1, lr 1e-3,
// wd 0.1, warm-up 100, batch 128) with the schedule of a 50,000-step run and the paper's split (split jax);
// HYLA4J_TRAJ_OPTS adds task options (k=v,k=v) and HYLA4J_TRAJ_DECAY names the decay mask (default paper).
// HYLA4J_TRAJ_TRAIN=0 writes only the initial parameters, batches and masks (for scripts/paper/replay.py), without
// training: these are exactly the streams a `train` run of the same variant and seed uses.
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import org.hyla4j.core.train.TrainingStep;
import org.hyla4j.core.train.WarmupCosineSchedule;

public class Trajectory {

    static final int FULL_RUN = 50_000;

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: Trajectory OUT ATTENTION SEED STEPS [DUMP_STEPS, e.g. 1,10,100]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        String attentionId = args[1];
        long seed = Long.parseLong(args[2]);
        int steps = Integer.parseInt(args[3]);
        Set<Integer> dumps = new TreeSet<>();
        if (args.length > 4) {
            for (String s : args[4].split(",")) {
                dumps.add(Integer.parseInt(s.trim()));
            }
        }
        dumps.add(steps);
        Files.createDirectories(out);
        System.setProperty("ai.djl.offline", "true");
        // one intra-op thread unless told otherwise: these small models run several side by side (as sweeps do)
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "1"));
        System.setProperty("ai.djl.pytorch.num_interop_threads", System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
        ClassLoader loader = Trajectory.class.getClassLoader();
        AttentionLayer attention = PluginRegistry.load(AttentionLayer.class, "attention", loader).get(attentionId);
        Task task = PluginRegistry.load(Task.class, "task", loader).get("fuzzylogic");
        Map<String, String> options = new LinkedHashMap<>(Map.of("seq_len", "32", "frac_test", "0.7", "split", "jax"));
        String extra = System.getenv().getOrDefault("HYLA4J_TRAJ_OPTS", "");
        for (String kv : extra.split(",")) {
            if (!kv.isBlank()) {
                options.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        TaskInstance instance = task.configure(options, seed);
        float dropout = 0.1f;
        ModelConfig mc = ModelConfig.forTask(instance).layers(2).modelDim(128).numHeads(8).qkDim(16).vDim(16).mlpDim(256)
                .attentionDropout(dropout).build();
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("attention", attentionId);
        index.put("seed", seed);
        index.put("steps", steps);
        index.put("options", options);
        index.put("lr", 1e-3);
        index.put("weight_decay", 0.1);
        index.put("warmup", 100);
        index.put("schedule_steps", FULL_RUN);
        index.put("dropout", dropout);
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            HylaTransformer model = Models.build(manager, mc, attention, Seeds.derive(seed, Seeds.INIT));
            List<Pair<String, Parameter>> params = new ArrayList<>();
            model.getParameters().forEach(params::add);
            params.forEach(p -> p.getValue().getArray().setRequiresGradient(true));
            List<String> names = new ArrayList<>();
            for (Pair<String, Parameter> p : params) {
                names.add(p.getKey());
            }
            DecayMask mask = DecayMask.of(System.getenv().getOrDefault("HYLA4J_TRAJ_DECAY", "paper"));
            AdamW adam = new AdamW(params, 0.1, mask, manager);
            index.put("parameters", names);
            index.put("decay_mask", mask.id());
            index.put("decayed", adam.decayed());
            dumpParams(out.resolve("params-0"), params);
            WarmupCosineSchedule schedule = new WarmupCosineSchedule(1e-3, 100, FULL_RUN);
            long dataSeed = Seeds.derive(seed, Seeds.DATA);
            long dropoutSeed = Seeds.derive(seed, Seeds.DROPOUT);
            boolean train = !"0".equals(System.getenv("HYLA4J_TRAJ_TRAIN"));
            index.put("trained", train);
            List<Double> losses = new ArrayList<>();
            List<Double> lrs = new ArrayList<>();
            Files.createDirectories(out.resolve("batches"));
            for (int t = 0; t < steps; t++) {
                double lr = schedule.at(t);
                Batch b = instance.sample(instance.splits().get(0), dataSeed, t, 128);
                npy(out.resolve("batches/x-" + t + ".npy"), b.inputs(), new long[] {b.size(), b.seqLen(), b.inputDim()});
                npy(out.resolve("batches/y-" + t + ".npy"), b.targets(), new long[] {b.size(), 1});
                try (NDManager m = manager.newSubManager()) {
                    var masks = DropoutMasks.forStep(m, dropoutSeed, t, mc.layers(), b.seqLen(), dropout);
                    for (int l = 0; l < masks.size(); l++) {
                        npy(out.resolve("batches/mask-" + t + "-" + l + ".npy"), masks.get(l).toFloatArray(),
                                new long[] {1, 1, b.seqLen(), b.seqLen()});
                    }
                }
                if (!train) {
                    continue;
                }
                TrainingStep.Result r = TrainingStep.run(manager, instance, b,
                        (ps, x, masks) -> model.forward(ps, x, masks, true, false).prediction(), adam, lr, dropoutSeed, t,
                        mc.layers(), dropout, false);
                losses.add(r.loss());
                lrs.add(lr);
                if (dumps.contains(t + 1)) {
                    dumpParams(out.resolve("params-" + (t + 1)), params);
                }
            }
            index.put("losses", losses);
            index.put("lrs", lrs);
            index.put("dumped", new ArrayList<>(dumps));
        }
        Files.writeString(out.resolve("index.json"), new com.fasterxml.jackson.databind.ObjectMapper()
                .writerWithDefaultPrettyPrinter().writeValueAsString(index));
        System.out.println("wrote " + out);
    }

    static void dumpParams(Path dir, List<Pair<String, Parameter>> params) throws IOException {
        Files.createDirectories(dir);
        for (Pair<String, Parameter> p : params) {
            var a = p.getValue().getArray();
            npy(dir.resolve(p.getKey() + ".npy"), a.toFloatArray(), a.getShape().getShape());
        }
    }

    /** A little-endian float32 .npy file (format version 1.0). */
    static void npy(Path file, float[] data, long[] shape) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().trim() + "), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        try (OutputStream os = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(os)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            out.write(header.length() & 0xff);
            out.write((header.length() >> 8) & 0xff);
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            out.write(buf.array());
        }
    }
}
