// Trains a hyla4j model for a few steps exactly as TrainingLoop does and writes what a second implementation needs to
// replay them: the initial parameters, every step's batch and attention-dropout masks, every step's loss and
// learning rate, and the parameters and gradients after chosen steps, as .npy files with an index.json.
// scripts/paper/parity.py replays them with the paper's own code and compares (docs/fidelity.md, "The training
// step is the paper's").
//
//   java -cp runner/target/hyla4j-runner-*-all.jar scripts/paper/Trajectory.java OUT ATTENTION SEED STEPS [DUMP_STEPS]
//        [--task=fuzzylogic|sraven] [--batch=N]
//
// fuzzylogic (the default) is the fuzzy-a1-paper setting (T 32, frac_test 0.7, D 128, 8 heads, attention dropout 0.1,
// lr 1e-3, wd 0.1, warm-up 100, batch 128) with the schedule of a 50,000-step run and the paper's split (split jax).
// sraven is the runner's `paper` preset of SRAVEN, resolved by the runner itself (RunConfig): the 4-layer width-1
// model of Table A1, lr 1e-3, wd 0.1, warm-up 1,000, the schedule of a 156,250-step run, batch 128, split jax.
// --batch overrides the batch size (the schedule stays the full run's).
// HYLA4J_TRAJ_OPTS adds task options (k=v,k=v) and HYLA4J_TRAJ_DECAY names the decay mask (default paper).
// HYLA4J_TRAJ_TRAIN=0 writes only the initial parameters, batches and masks (for scripts/paper/replay.py), without
// training: these are exactly the streams a `train` run of the same variant and seed uses.
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.HashSet;
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
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.plugins.Catalog;

public class Trajectory {

    static final int FULL_RUN = 50_000;

    /** What one task's trajectory trains: the model, the optimizer's settings, the batch size and the task. */
    record Setting(TaskInstance instance, Map<String, String> options, ModelConfig model, double lr, double weightDecay,
            int warmup, int scheduleSteps, int batch) {
    }

    public static void main(String[] args) throws IOException {
        List<String> positional = new ArrayList<>();
        String taskId = "fuzzylogic";
        Integer batchOverride = null;
        for (String a : args) {
            if (a.startsWith("--task=")) {
                taskId = a.substring("--task=".length());
            } else if (a.startsWith("--batch=")) {
                batchOverride = Integer.parseInt(a.substring("--batch=".length()));
            } else {
                positional.add(a);
            }
        }
        if (positional.size() < 4) {
            System.err.println("usage: Trajectory OUT ATTENTION SEED STEPS [DUMP_STEPS, e.g. 1,10,100] [--task=fuzzylogic|sraven]"
                    + " [--batch=N]");
            System.exit(2);
        }
        Path out = Path.of(positional.get(0));
        String attentionId = positional.get(1);
        long seed = Long.parseLong(positional.get(2));
        int steps = Integer.parseInt(positional.get(3));
        Set<Integer> dumps = new TreeSet<>();
        if (positional.size() > 4) {
            for (String s : positional.get(4).split(",")) {
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
        PluginRegistry<AttentionLayer> variants = PluginRegistry.load(AttentionLayer.class, "attention", loader);
        PluginRegistry<Task> tasks = PluginRegistry.load(Task.class, "task", loader);
        AttentionLayer attention = variants.get(attentionId);
        Map<String, String> extraOptions = new LinkedHashMap<>();
        String extra = System.getenv().getOrDefault("HYLA4J_TRAJ_OPTS", "");
        for (String kv : extra.split(",")) {
            if (!kv.isBlank()) {
                extraOptions.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        Setting setting = switch (taskId) {
            case "fuzzylogic" -> fuzzyLogic(tasks.get("fuzzylogic"), extraOptions, seed);
            case "sraven" -> sravenPaperPreset(new Catalog(new HashSet<>(variants.all()), new HashSet<>(tasks.all())),
                    attentionId, extraOptions, seed);
            default -> throw new IllegalArgumentException("task must be fuzzylogic or sraven, got " + taskId);
        };
        TaskInstance instance = setting.instance();
        Map<String, String> options = setting.options();
        ModelConfig mc = setting.model();
        int batchSize = batchOverride != null ? batchOverride : setting.batch();
        float dropout = mc.attentionDropout();
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("task", taskId);
        index.put("attention", attentionId);
        index.put("seed", seed);
        index.put("steps", steps);
        index.put("options", options);
        index.put("lr", setting.lr());
        index.put("weight_decay", setting.weightDecay());
        index.put("warmup", setting.warmup());
        index.put("schedule_steps", setting.scheduleSteps());
        index.put("batch", batchSize);
        index.put("preset_batch", setting.batch());
        index.put("dropout", dropout);
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("layers", mc.layers());
        shape.put("model_dim", mc.modelDim());
        shape.put("heads", mc.numHeads());
        shape.put("qk_dim", mc.qkDim());
        shape.put("v_dim", mc.vDim());
        shape.put("mlp_dim", mc.mlpDim());
        shape.put("seq_len", mc.seqLen());
        shape.put("input_dim", mc.inputDim());
        shape.put("output_dim", mc.outputDim());
        shape.put("readout_positions", mc.readoutPositions());
        shape.put("causal", mc.causal());
        index.put("model", shape);
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
            AdamW adam = new AdamW(params, setting.weightDecay(), mask, manager);
            index.put("parameters", names);
            index.put("decay_mask", mask.id());
            index.put("decayed", adam.decayed());
            dumpParams(out.resolve("params-0"), params);
            WarmupCosineSchedule schedule = new WarmupCosineSchedule(setting.lr(), setting.warmup(), setting.scheduleSteps());
            long dataSeed = Seeds.derive(seed, Seeds.DATA);
            long dropoutSeed = Seeds.derive(seed, Seeds.DROPOUT);
            boolean train = !"0".equals(System.getenv("HYLA4J_TRAJ_TRAIN"));
            index.put("trained", train);
            List<Double> losses = new ArrayList<>();
            List<Double> lrs = new ArrayList<>();
            Files.createDirectories(out.resolve("batches"));
            for (int t = 0; t < steps; t++) {
                double lr = schedule.at(t);
                Batch b = instance.sample(instance.splits().get(0), dataSeed, t, batchSize);
                npy(out.resolve("batches/x-" + t + ".npy"), b.inputs(), new long[] {b.size(), b.seqLen(), b.inputDim()});
                npy(out.resolve("batches/y-" + t + ".npy"), b.targets(), new long[] {b.size(), b.targets().length / b.size()});
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
                if (dumps.contains(t + 1)) { // the gradient this step's update will use, from the same forward and backward
                    dumpGradients(out.resolve("grads-" + (t + 1)), manager, instance, b, model, params, dropoutSeed, t, mc);
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

    /** The fuzzy-a1-paper setting (docs/fidelity.md), with a 50,000-step schedule. */
    static Setting fuzzyLogic(Task task, Map<String, String> extra, long seed) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("seq_len", "32", "frac_test", "0.7", "split", "jax"));
        options.putAll(extra);
        TaskInstance instance = task.configure(options, seed);
        ModelConfig mc = ModelConfig.forTask(instance).layers(2).modelDim(128).numHeads(8).qkDim(16).vDim(16).mlpDim(256)
                .attentionDropout(0.1f).build();
        return new Setting(instance, options, mc, 1e-3, 0.1, 100, FULL_RUN, 128);
    }

    /** SRAVEN under the runner's `paper` preset, resolved as `hyla4j train --task sraven --preset paper` resolves it. */
    static Setting sravenPaperPreset(Catalog catalog, String attentionId, Map<String, String> extra, long seed) {
        var settings = RunConfig.builder().task("sraven").preset("paper").attention(List.of(attentionId)).seeds(List.of(seed));
        extra.forEach(settings::taskOption);
        RunConfig config = settings.build(catalog);
        TaskInstance instance = config.taskInstance(catalog, seed);
        Map<String, String> options = new LinkedHashMap<>(new TreeMap<>(config.taskOptions()));
        return new Setting(instance, options, config.model(instance), config.lr(), config.weightDecay(), config.warmup(),
                config.steps(), config.batch());
    }

    static void dumpParams(Path dir, List<Pair<String, Parameter>> params) throws IOException {
        Files.createDirectories(dir);
        for (Pair<String, Parameter> p : params) {
            var a = p.getValue().getArray();
            npy(dir.resolve(p.getKey() + ".npy"), a.toFloatArray(), a.getShape().getShape());
        }
    }

    /**
     * The gradient of step {@code t}'s loss at the current parameters, computed as TrainingStep.run computes it (same
     * batch, masks, forward, loss), written, then zeroed, so that TrainingStep.run's own backward starts from zero as
     * always (AdamW zeroes the gradients after every update, so they cannot be read after it).
     */
    static void dumpGradients(Path dir, NDManager parent, TaskInstance task, Batch b, HylaTransformer model,
            List<Pair<String, Parameter>> params, long dropoutSeed, long t, ModelConfig mc) throws IOException {
        Files.createDirectories(dir);
        try (NDManager m = parent.newSubManager()) {
            NDArray x = m.create(b.inputs(), new Shape(b.size(), b.seqLen(), b.inputDim()));
            NDArray y = task.targets(m, b);
            List<NDArray> masks = mc.attentionDropout() > 0
                    ? DropoutMasks.forStep(m, dropoutSeed, t, mc.layers(), b.seqLen(), mc.attentionDropout()) : null;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(task.loss(model.forward(new ParameterStore(m, false), x, masks, true, false).prediction(), y));
            }
            for (Pair<String, Parameter> p : params) {
                NDArray g = p.getValue().getArray().getGradient();
                npy(dir.resolve(p.getKey() + ".npy"), g.toFloatArray(), g.getShape().getShape());
                g.muli(0);
            }
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
