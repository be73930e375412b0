package org.hyla4j.runner.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.hyla4j.runner.base.UsageException;

/** Threads and device, set before the engine loads; the device actually used is recorded with every run. */
public final class EngineSetup {

    private EngineSetup() {
    }

    /**
     * Sets intra-op threads (read once when the PyTorch engine starts) and loads the engine. More threads than this
     * machine has cores are capped to its cores, with one line on standard error: PyTorch's pool would otherwise start them
     * all (100,000 of them hung a run for minutes), and more threads than cores only slow a step.
     */
    public static Engine start(int threads) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads > cores) {
            System.err.printf(java.util.Locale.ROOT, "hyla4j: --threads %d is more than the %d core(s) here: using %d%n", threads, cores, cores);
        }
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(usableThreads(threads, cores)));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        try {
            return Engine.getInstance();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot load the PyTorch engine: " + e.getMessage(), e);
        }
    }

    /** The intra-op threads a run asking for {@code threads} uses on a machine with {@code cores} cores. */
    static int usableThreads(int threads, int cores) {
        return Math.max(1, Math.min(threads, cores));
    }

    /** {@code auto}: a GPU when DJL sees one, else the CPU; {@code gpu} without one is a usage error. */
    public static Device device(Engine engine, String choice) {
        int gpus = engine.getGpuCount();
        return switch (choice) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                UsageException.check(gpus > 0, "--device gpu: DJL sees no GPU on this machine (use the cuda Maven profile on a GPU host)");
                yield Device.gpu();
            }
            default -> gpus > 0 ? Device.gpu() : Device.cpu();
        };
    }
}
