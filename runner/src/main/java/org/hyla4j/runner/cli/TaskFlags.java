package org.hyla4j.runner.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import org.hyla4j.runner.config.Setting;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The task flags of every command that configures a task ({@code train}, {@code compare}, {@code bench}, {@code data}). */
public final class TaskFlags {

    @Mixin
    SettingFlags generic = new SettingFlags(Setting.Group.TASK);

    @Option(names = "--task-opt", paramLabel = "KEY=VALUE", description = "A task option (see 'hyla4j list'); repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    /** Sets the flags given on {@code b}. */
    RunSettings applyTo(RunSettings b) {
        options.forEach(b::taskOption);
        return generic.applyTo(b);
    }
}
