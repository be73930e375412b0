package org.hyla4j.runner.cli;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import org.hyla4j.runner.config.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A mixin holding one flag per {@link Setting} of some groups, made from the table (so a flag, its sweep key and its
 * {@code config.json} field cannot drift apart): {@code @Mixin SettingFlags training = new SettingFlags(Group.TRAINING)}.
 * {@link HylaCommand#commandLine} adds the options ({@link GeneratedOptions#addAll}).
 */
@CommandLine.Command // a mixin needs an annotation; its options come from the table
public final class SettingFlags implements GeneratedOptions {

    private final List<Setting> settings;
    private final Map<Setting, Object> given = new EnumMap<>(Setting.class);

    SettingFlags(Setting.Group... groups) {
        settings = Setting.of(groups);
    }

    /** The value given for {@code s} on the command line, or null. */
    @SuppressWarnings("unchecked")
    <T> T get(Setting s) {
        return (T) given.get(s);
    }

    /** Sets the flags given on {@code b}. */
    RunSettings applyTo(RunSettings b) {
        given.forEach((s, v) -> s.set(b, v));
        return b;
    }

    @Override
    public List<OptionSpec> options() {
        return settings.stream().map(this::option).toList();
    }

    private OptionSpec option(Setting s) {
        return GeneratedOptions.bound(OptionSpec.builder(s.flag()).type(s.spec().kind().type()).paramLabel(s.spec().paramLabel()).description(s.help()),
                () -> given.get(s), v -> given.put(s, v)).build();
    }
}
