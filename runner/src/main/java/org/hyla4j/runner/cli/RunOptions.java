package org.hyla4j.runner.cli;

import java.nio.file.Path;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import org.hyla4j.runner.config.Setting;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What configures a run of {@code train}, {@code compare} and {@code bench}: task, preset, a config file and the flag groups. */
public final class RunOptions {

    @Mixin
    SettingFlags run = new SettingFlags(Setting.Group.RUN, Setting.Group.TRAINING);

    @Option(names = "--config", paramLabel = "FILE", description = "JSON or YAML file of settings (field names as in config.json), applied over the preset.")
    Path config;

    @Mixin
    TaskFlags taskFlags = new TaskFlags();

    @Mixin
    SettingFlags modelAndMachine = new SettingFlags(Setting.Group.MODEL, Setting.Group.MACHINE);

    /** Preset (applied when built) → config file → these flags. */
    RunSettings builder() {
        RunSettings flags = RunConfig.builder();
        run.applyTo(flags);
        taskFlags.applyTo(flags);
        modelAndMachine.applyTo(flags);
        RunSettings b = RunConfig.builder();
        if (config != null) {
            b.file(config);
        }
        return b.over(flags);
    }
}
