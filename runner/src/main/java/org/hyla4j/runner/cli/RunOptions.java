package org.hyla4j.runner.cli;

import java.nio.file.Path;
import org.hyla4j.runner.config.RunConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What configures a run of {@code train}, {@code compare} and {@code bench}: task, preset, a config file and the flag groups. */
public final class RunOptions {

    @Option(names = "--task", paramLabel = "ID", description = "Task id (see 'hyla4j list'), e.g. fuzzylogic or sraven.")
    String task;

    @Option(names = "--preset", paramLabel = "NAME", description = "small (default: minutes on 2 cores) or paper (the paper's defaults, docs/model.md §2.5, §5).")
    String preset;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON or YAML file of settings (field names as in config.json), applied over the preset.")
    Path config;

    @Mixin
    TrainingFlags training = new TrainingFlags();

    @Mixin
    TaskFlags taskFlags = new TaskFlags();

    @Mixin
    ModelFlags model = new ModelFlags();

    @Mixin
    MachineFlags machine = new MachineFlags();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory.")
    Path out;

    /** Preset (applied when built) → config file → these flags. */
    RunConfig.Builder builder() {
        RunConfig.Builder flags = RunConfig.builder().task(task).preset(preset);
        training.applyTo(flags);
        taskFlags.applyTo(flags);
        model.applyTo(flags);
        machine.applyTo(flags);
        RunConfig.Builder b = RunConfig.builder();
        if (config != null) {
            b.file(config);
        }
        return b.over(flags);
    }
}
