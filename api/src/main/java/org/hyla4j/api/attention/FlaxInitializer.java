package org.hyla4j.api.attention;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.hyla4j.api.util.Seeds;

/**
 * Flax's default initialisation (docs/model.md §2.4), seeded and independent of the engine's generator:
 * kernels (type WEIGHT, layout (fan_in, …)) truncated LeCun normal, i.e. a standard normal truncated
 * to [−2, 2] times (1/√fan_in)/0.87962566; biases 0; LayerNorm scale 1 and bias 0; relative-position
 * tables (type OTHER, shape (H, n_b)) N(0, 1/n_b). Each parameter draws from its own stream, derived
 * from the seed and the parameter's name, so adding a parameter does not shift the others.
 *
 * <p>The same laws are also DJL {@link Initializer}s ({@link #KERNEL}, {@link #RELATIVE_TABLE}), set on every
 * parameter of hyla4j's blocks, so a plain DJL program ({@code trainer.initialize(shape)} with a
 * {@code DefaultTrainingConfig}) initialises them from the same distributions without calling this class; those draw
 * from the engine's generator ({@code Engine.setRandomSeed}) instead of hyla4j's seed.
 */
public final class FlaxInitializer {

    /** Std of a standard normal truncated to [−2, 2]. */
    public static final double TRUNCATED_STD = 0.87962566103423978;

    /**
     * Flax's default kernel law as a DJL initializer: truncated LeCun normal over fan_in = the first axis of a
     * Flax-layout kernel (in, …, out), i.e. N(0, 1) truncated to [−2, 2] times (1/√fan_in)/{@value #TRUNCATED_STD}.
     */
    public static final Initializer KERNEL = (manager, shape, dataType) -> {
        float scale = (float) (1.0 / Math.sqrt(shape.get(0)) / TRUNCATED_STD);
        // DJL draws N(0, 1) truncated to [-2, 2] by rejection from its own generator (RandomUtils), then scales it
        return manager.truncatedNormal(0f, scale, shape, dataType);
    };

    /** A relative-position table (H, n_b): N(0, 1/n_b) (docs/model.md §2.3), as a DJL initializer. */
    public static final Initializer RELATIVE_TABLE = (manager, shape, dataType) -> {
        float std = (float) (1.0 / Math.sqrt(shape.get(shape.dimension() - 1)));
        return manager.randomNormal(0f, std, shape, dataType);
    };

    private FlaxInitializer() {
    }

    /** The initializer Flax would give a parameter of this type: {@link #KERNEL}, {@link #RELATIVE_TABLE}, ones or zeros. */
    public static Initializer forType(Parameter.Type type) {
        return switch (type) {
            case WEIGHT -> KERNEL;
            case OTHER -> RELATIVE_TABLE;
            case GAMMA, RUNNING_VAR -> Initializer.ONES;
            default -> Initializer.ZEROS;
        };
    }

    /** A parameter of the given name, type and declared shape whose initializer is Flax's for its type. */
    public static Parameter parameter(String name, Parameter.Type type, Shape shape) {
        return Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(forType(type)).build();
    }

    /** Allocates the parameters of any block (an attention block, a whole model) in {@code manager} and fills them from {@code seed}. */
    public static void initialize(Block block, NDManager manager, Shape inputShape, long seed) {
        block.setInitializer(Initializer.ZEROS, p -> true);
        block.initialize(manager, DataType.FLOAT32, inputShape);
        apply(block, seed);
    }

    /** Overwrites every parameter of an initialised block. */
    public static void apply(Block block, long seed) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter param = p.getValue();
            Shape shape = param.getShape();
            int size = (int) shape.size();
            float[] values = new float[size];
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, p.getKey()));
            switch (param.getType()) {
                case WEIGHT -> {
                    double scale = 1.0 / Math.sqrt(shape.get(0)) / TRUNCATED_STD;
                    for (int i = 0; i < size; i++) {
                        values[i] = (float) (truncatedNormal(rng) * scale);
                    }
                }
                case OTHER -> {
                    double std = 1.0 / Math.sqrt(shape.get(shape.dimension() - 1));
                    for (int i = 0; i < size; i++) {
                        values[i] = (float) (gaussian(rng) * std);
                    }
                }
                case GAMMA -> Arrays.fill(values, 1f);
                default -> { } // biases and LayerNorm offsets: 0
            }
            param.getArray().set(values);
        }
    }

    static double truncatedNormal(SplittableRandom rng) {
        while (true) {
            double z = gaussian(rng);
            if (z >= -2 && z <= 2) {
                return z;
            }
        }
    }

    /** Box–Muller on a SplittableRandom (which has no nextGaussian before Java 17's RandomGenerator default). */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
