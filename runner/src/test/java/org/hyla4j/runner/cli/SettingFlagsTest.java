package org.hyla4j.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hyla4j.runner.TestCatalog;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import org.hyla4j.runner.config.Setting;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.sweep.Sweep;
import org.hyla4j.runner.sweep.SweepFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The settings table: a flag, a sweep key (hyla4j's or the paper's) and a config.json field set the same value. */
class SettingFlagsTest {

    private static final Catalog CATALOG = TestCatalog.builtIn();

    /** A value for every setting, valid together on fuzzy logic. */
    private static final Map<Setting, String> VALUES = new EnumMap<>(Map.ofEntries(
            Map.entry(Setting.TASK, "fuzzylogic"), Map.entry(Setting.PRESET, "paper"), Map.entry(Setting.STEPS, "50"),
            Map.entry(Setting.BATCH, "4"), Map.entry(Setting.LR, "0.002"), Map.entry(Setting.WEIGHT_DECAY, "0.05"),
            Map.entry(Setting.DECAY_MASK, "matrices"),
            Map.entry(Setting.WARMUP, "3"), Map.entry(Setting.EVAL_EVERY, "10"), Map.entry(Setting.EVAL_EXAMPLES, "16"),
            Map.entry(Setting.CHECKPOINT_EVERY, "5"), Map.entry(Setting.SEQ_LEN, "8"), Map.entry(Setting.FRAC_TEST, "0.3"),
            Map.entry(Setting.LAYERS, "1"), Map.entry(Setting.WIDTH, "2"), Map.entry(Setting.HEADS, "3"),
            Map.entry(Setting.ATTENTION_DROPOUT, "0.2"), Map.entry(Setting.THREADS, "1"), Map.entry(Setting.DEVICE, "cpu")));

    @CommandLine.Command(name = "probe")
    static final class Probe {
        @CommandLine.Mixin
        SettingFlags flags = new SettingFlags(Setting.Group.values());
    }

    private static RunConfig fromFlags(Map<Setting, String> values) {
        Probe p = new Probe();
        CommandLine cl = new CommandLine(p);
        GeneratedOptions.addAll(cl);
        List<String> args = new ArrayList<>();
        values.forEach((s, v) -> args.add(s.flag() + "=" + v));
        cl.parseArgs(args.toArray(String[]::new));
        return p.flags.applyTo(RunConfig.builder()).build(CATALOG);
    }

    private static RunConfig fromSweep(Path dir, boolean paperKeys) throws IOException {
        StringBuilder yaml = new StringBuilder("method: grid\nname: probe\nparameters:\n");
        VALUES.forEach((s, v) -> {
            if (s.spec().group() != Setting.Group.MACHINE) {
                String key = paperKeys && !s.spec().paperKeys().isEmpty() ? s.spec().paperKeys().get(0) : s.key();
                yaml.append("  ").append(key).append(": {value: ").append(v).append("}\n");
            }
        });
        Path f = Files.writeString(dir.resolve(paperKeys ? "paper.yaml" : "ours.yaml"), yaml);
        RunSettings machine = RunConfig.builder().threads(1).device("cpu");
        return Sweep.expand(SweepFile.read(f), machine, CATALOG, dir).points().get(0).run().config();
    }

    @Test
    void everySettingHasAFlagASweepKeyAndAConfigField(@TempDir Path tmp) throws IOException {
        assertThat(VALUES).as("a sample value for every setting").hasSize(Setting.values().length);
        RunConfig flags = fromFlags(VALUES);
        assertThat(fromSweep(tmp, false)).isEqualTo(flags);
        assertThat(fromSweep(tmp, true)).as("the paper's keys name the same settings").isEqualTo(flags);
        // each value arrived (none is the default): config.json's fields, or the task option the generic flag maps to
        var json = flags.experiment();
        assertThat(json.get("steps").asInt()).isEqualTo(50);
        assertThat(json.get("weightDecay").asDouble()).isEqualTo(0.05);
        assertThat(json.get("attentionDropout").asDouble()).isEqualTo(0.2);
        assertThat(flags.decayMask()).isEqualTo("matrices");
        assertThat(json.get("heads").asInt()).isEqualTo(3);
        assertThat(flags.taskOptions()).containsEntry("seq_len", "8").containsEntry("frac_test", "0.3");
        assertThat(flags.threads()).isEqualTo(1);
        assertThat(flags.device()).isEqualTo("cpu");
        for (Setting s : Setting.values()) {
            if (s != Setting.SEQ_LEN && s != Setting.FRAC_TEST && s != Setting.DECAY_MASK) { // matrices is the legacy value, left out
                assertThat(json.has(s.spec().field()) || s.spec().group() == Setting.Group.MACHINE).as("config.json field %s", s.spec().field()).isTrue();
            }
        }
    }

    @Test
    void namesFollowTheField() {
        assertThat(Setting.WEIGHT_DECAY.flag()).isEqualTo("--weight-decay");
        assertThat(Setting.WEIGHT_DECAY.key()).isEqualTo("weight_decay");
        assertThat(Setting.ATTENTION_DROPOUT.key()).isEqualTo("attention_dropout");
        assertThat(Setting.forSweepKey("config.data.seq_len")).contains(Setting.SEQ_LEN);
        assertThat(Setting.forSweepKey("threads")).as("machine settings are not part of an experiment").isEmpty();
    }

    @Test
    void everySweepKeyIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "sweeps.md"));
        for (Setting s : Setting.values()) {
            for (String k : s.sweepKeys()) {
                assertThat(doc).as("docs/sweeps.md names %s", k).contains("`" + k + "`");
            }
        }
    }

    @Test
    void aBadFlagValueIsAParameterError() {
        assertThatThrownBy(() -> fromFlags(Map.of(Setting.TASK, "fuzzylogic", Setting.STEPS, "many")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--steps");
    }
}
