package org.hyla4j.runner.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A mixin holding one flag per {@link Setting} of some groups, made from the table (so a flag, its sweep key and its
 * {@code config.json} field cannot drift apart): {@code @Mixin SettingFlags training = new SettingFlags(Group.TRAINING)}.
 * {@link HylaCommand#commandLine} adds the options ({@link #addOptions}).
 */
@CommandLine.Command // a mixin needs an annotation; its options come from the table
public final class SettingFlags {

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
    RunConfig.Builder applyTo(RunConfig.Builder b) {
        given.forEach((s, v) -> s.set(b, v));
        return b;
    }

    /**
     * Adds the options of every {@code SettingFlags} mixin (also inside other mixins) to its command, in each command of
     * {@code root}'s tree. Done once the command line is built, since picocli has no hook that gives a mixin its own options.
     */
    static void addOptions(CommandLine root) {
        CommandSpec spec = root.getCommandSpec();
        for (SettingFlags flags : mixedIn(spec, new ArrayList<>())) {
            for (Setting s : flags.settings) {
                spec.addOption(flags.option(s));
            }
        }
        root.getSubcommands().values().stream().distinct().forEach(SettingFlags::addOptions);
    }

    private static List<SettingFlags> mixedIn(CommandSpec spec, List<SettingFlags> found) {
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof SettingFlags f) {
                found.add(f);
            }
            mixedIn(mixin, found);
        }
        return found;
    }

    private OptionSpec option(Setting s) {
        return OptionSpec.builder(s.flag()).type(s.kind().type()).paramLabel(s.paramLabel()).description(s.description())
                .setter(new ISetter() {
                    @Override
                    public <T> T set(T value) {
                        given.put(s, value);
                        return null;
                    }
                })
                .getter(new IGetter() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T get() {
                        return (T) given.get(s);
                    }
                }).build();
    }
}
