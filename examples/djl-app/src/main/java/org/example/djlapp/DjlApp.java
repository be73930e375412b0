package org.example.djlapp;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.hyla4j.api.attention.AttentionBlock;
import org.hyla4j.attention.hyla.Hyla;
import org.hyla4j.attention.hyla.HylaLinearValue;
import org.hyla4j.attention.hyla.HylaLinearValueNoRmsHead;
import org.hyla4j.attention.hyla.HylaNoRmsHead;
import org.hyla4j.attention.linear.LinearAttention;
import org.hyla4j.attention.linear.LinearAttentionRmsHead;
import org.hyla4j.attention.softmax.SoftmaxAttention;
import org.hyla4j.attention.softmax.SoftmaxHypernetworkAttention;

/**
 * A first DJL program with hyla4j's attention blocks: each shipped variant between two DJL Linears, trained with DJL's
 * Trainer on DJL's defaults, saved and loaded with Model.save/Model.load. Prints one line per variant and exits non-zero
 * when a variant did not learn or did not reload exactly.
 */
public final class DjlApp {

    static final int B = 8, T = 12, D = 32, H = 4;

    /** Every shipped variant's builder. */
    static Map<String, Supplier<AttentionBlock.Builder>> variants() {
        Map<String, Supplier<AttentionBlock.Builder>> v = new LinkedHashMap<>();
        v.put("softmax_attention", SoftmaxAttention::builder);
        v.put("softmax_hypatt", SoftmaxHypernetworkAttention::builder);
        v.put("linear_attention", LinearAttention::builder);
        v.put("linear_attention_rms_head", LinearAttentionRmsHead::builder);
        v.put("linear_hypatt", Hyla::builder);
        v.put("linear_hypatt_no_rms_head", HylaNoRmsHead::builder);
        v.put("linear_hypatt_mlp_linear", HylaLinearValue::builder);
        v.put("linear_hypatt_mlp_linear_no_rms_head", HylaLinearValueNoRmsHead::builder);
        return v;
    }

    static Block network(Supplier<AttentionBlock.Builder> variant) {
        SequentialBlock net = new SequentialBlock();
        net.add(Linear.builder().setUnits(D).build());
        net.add(variant.get().setModelDim(D).setNumHeads(H).optMaxSeqLen(T).build());
        net.add(Linear.builder().setUnits(1).build());
        return net;
    }

    /** Trains, saves and reloads one variant; returns {first loss, last loss, max |reloaded − saved|}. */
    static float[] run(Supplier<AttentionBlock.Builder> variant, Path dir) throws Exception {
        Engine.getInstance().setRandomSeed(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(B, T, D));
            NDArray y = x.get(":, :, 0:1").cumSum(1).div(manager.create((float) T)); // a running mean: needs the sequence mixed
            float first;
            float last;
            float[] saved;
            try (Model model = Model.newInstance("app")) {
                model.setBlock(network(variant));
                try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
                    trainer.initialize(new Shape(B, T, D));
                    first = loss(trainer, x, y);
                    for (int i = 0; i < 120; i++) {
                        try (Batch batch = new Batch(trainer.getManager().newSubManager(), new NDList(x.duplicate()),
                                new NDList(y.duplicate()), B, null, null, i, 120)) {
                            EasyTrain.trainBatch(trainer, batch);
                            trainer.step();
                        }
                    }
                    last = loss(trainer, x, y);
                }
                saved = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false).head().toFloatArray();
                model.save(dir, "app");
            }
            try (Model loaded = Model.newInstance("app")) {
                loaded.setBlock(network(variant));
                loaded.load(dir, "app");
                float[] again = loaded.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false).head().toFloatArray();
                float diff = 0;
                for (int i = 0; i < saved.length; i++) {
                    diff = Math.max(diff, Math.abs(saved[i] - again[i]));
                }
                return new float[] {first, last, diff};
            }
        }
    }

    private static float loss(Trainer trainer, NDArray x, NDArray y) {
        return trainer.getLoss().evaluate(new NDList(y), trainer.evaluate(new NDList(x))).getFloat();
    }

    public static void main(String[] args) throws Exception {
        boolean ok = true;
        for (Map.Entry<String, Supplier<AttentionBlock.Builder>> v : variants().entrySet()) {
            Path dir = Files.createTempDirectory("djl-app-");
            float[] r = run(v.getValue(), dir);
            boolean learned = r[1] < r[0] / 5;
            boolean reloaded = r[2] == 0f;
            ok &= learned && reloaded;
            System.out.printf("%-38s loss %.4f -> %.5f (%s), reload max |diff| %s%n", v.getKey(), r[0], r[1],
                    learned ? "learned" : "DID NOT LEARN", r[2]);
        }
        if (!ok) {
            System.exit(1);
        }
        System.out.println("every variant trained, saved and reloaded with DJL's defaults: " + Arrays.toString(variants().keySet().toArray()));
    }
}
