package org.hyla4j.runner.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --out DIR}, the output directory of the commands that write runs ({@code train}, {@code compare}, {@code reproduce},
 * {@code sweep}), with the help naming each command's default: {@code @Mixin OutFlag out = OutFlag.of("runs/compare-TASK")}.
 */
@CommandLine.Command // a mixin needs an annotation; its option is made in code so that the help names the command's default
public final class OutFlag implements GeneratedOptions {

    private final String defaultHelp;
    private Path dir;

    private OutFlag(String defaultHelp) {
        this.defaultHelp = defaultHelp;
    }

    /** @param defaultHelp the default directory as the help should state it */
    static OutFlag of(String defaultHelp) {
        return new OutFlag(defaultHelp);
    }

    /** The directory given, else {@code orElse}'s. */
    Path or(Supplier<Path> orElse) {
        return dir != null ? dir : orElse.get();
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(GeneratedOptions.bound(OptionSpec.builder("--out").type(Path.class).paramLabel("DIR")
                .description("Output directory (default " + defaultHelp + ")."), () -> dir, v -> dir = (Path) v).build());
    }
}
