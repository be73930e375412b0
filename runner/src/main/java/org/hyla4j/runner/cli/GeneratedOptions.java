package org.hyla4j.runner.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A mixin whose options are made in code rather than declared by annotations: from the settings table ({@link SettingFlags})
 * or with help that names each command's own defaults ({@link GridFlags}). picocli has no hook that lets a mixin add its own
 * options, so {@link HylaCommand#commandLine} calls {@link #addAll} once the command line is built.
 */
interface GeneratedOptions {

    /** The options this mixin contributes to its command. */
    List<OptionSpec> options();

    /** Adds the options of every generated mixin (also those inside other mixins) to its command, in each command of the tree. */
    static void addAll(CommandLine root) {
        CommandSpec spec = root.getCommandSpec();
        for (GeneratedOptions mixin : mixedIn(spec, new ArrayList<>())) {
            mixin.options().forEach(spec::addOption);
        }
        root.getSubcommands().values().stream().distinct().forEach(GeneratedOptions::addAll);
    }

    /** An option whose value lives wherever {@code get} and {@code set} keep it. */
    static OptionSpec.Builder bound(OptionSpec.Builder option, Supplier<Object> get, Consumer<Object> set) {
        return option.getter(new IGetter() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get() {
                return (T) get.get();
            }
        }).setter(new ISetter() {
            @Override
            public <T> T set(T value) {
                set.accept(value);
                return null;
            }
        });
    }

    private static List<GeneratedOptions> mixedIn(CommandSpec spec, List<GeneratedOptions> found) {
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof GeneratedOptions g) {
                found.add(g);
            }
            mixedIn(mixin, found);
        }
        return found;
    }
}
