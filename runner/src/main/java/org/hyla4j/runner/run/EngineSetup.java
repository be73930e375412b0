package org.hyla4j.runner.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.hyla4j.api.UsageException;

/** Threads and device, set before the engine loads; the device actually used is recorded with every run. */
public final class EngineSetup {

    private EngineSetup() {
    }

    /** Sets intra-op threads (read once when the PyTorch engine starts) and loads the engine. */
    public static Engine start(int threads) {
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        try {
            return Engine.getInstance();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot load the PyTorch engine: " + e.getMessage(), e);
        }
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
