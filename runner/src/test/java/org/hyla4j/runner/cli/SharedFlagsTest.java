package org.hyla4j.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The flags several commands share ({@code --attention}, {@code --seeds}, {@code --out}): parsed alike, defaults named per command. */
class SharedFlagsTest {

    @CommandLine.Command(name = "probe")
    static final class Probe {
        @CommandLine.Mixin
        GridFlags grid = GridFlags.of("a,b", "0,1");

        @CommandLine.Mixin
        OutFlag out = OutFlag.of("runs/probe");
    }

    @CommandLine.Command(name = "single")
    static final class VariantsOnly {
        @CommandLine.Mixin
        GridFlags grid = GridFlags.of("a", null);
    }

    private static Probe parse(String... args) {
        Probe p = new Probe();
        CommandLine cl = new CommandLine(p);
        GeneratedOptions.addAll(cl);
        cl.parseArgs(args);
        return p;
    }

    @Test
    void givenFlagsWinThenTheConfigFileThenTheCommandsDefaults() {
        Probe given = parse("--attention", "x,y", "--seeds=3", "--seeds", "4,5", "--out", "d");
        RunSettings fromFile = RunConfig.builder().attention(List.of("f")).seeds(List.of(9L));
        given.grid.applyTo(fromFile, List.of("a"), List.of(0L));
        assertThat(fromFile.attention()).containsExactly("x", "y");
        assertThat(fromFile.seeds()).containsExactly(3L, 4L, 5L);
        assertThat(given.out.or(() -> Path.of("never"))).isEqualTo(Path.of("d"));

        Probe none = parse();
        RunSettings file = none.grid.applyTo(RunConfig.builder().attention(List.of("f")), List.of("a"), List.of(0L));
        assertThat(file.attention()).containsExactly("f");
        assertThat(file.seeds()).containsExactly(0L);
        assertThat(none.grid.attention()).isNull();
        assertThat(none.out.or(() -> Path.of("runs", "probe"))).isEqualTo(Path.of("runs", "probe"));
    }

    @Test
    void reproducesOldNameStillWorksAndHelpNamesEachCommandsDefaults() {
        assertThat(parse("--variants", "all").grid.attention()).containsExactly("all");
        CommandLine probe = new CommandLine(new Probe());
        GeneratedOptions.addAll(probe);
        String help = probe.getUsageMessage();
        assertThat(help).contains("(default a,b)", "(default 0,1)", "(default runs/probe)").doesNotContain("--variants");
        CommandLine single = new CommandLine(new VariantsOnly());
        GeneratedOptions.addAll(single);
        assertThat(single.getCommandSpec().findOption("--seeds")).as("no --seeds where a command runs one seed").isNull();
    }
}
