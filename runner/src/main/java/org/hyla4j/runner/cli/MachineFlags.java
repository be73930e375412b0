package org.hyla4j.runner.cli;

import org.hyla4j.runner.config.RunConfig;
import picocli.CommandLine.Option;

/** Where and how a run computes: shared by every command that trains or measures. Not part of what identifies an experiment. */
public final class MachineFlags {

    @Option(names = "--threads", description = "Intra-op threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--device", paramLabel = "cpu|gpu|auto", description = "Where to train; auto uses a GPU when DJL sees one.")
    String device;

    /** Sets the flags given on {@code b}. */
    RunConfig.Builder applyTo(RunConfig.Builder b) {
        return b.threads(threads).device(device);
    }
}
