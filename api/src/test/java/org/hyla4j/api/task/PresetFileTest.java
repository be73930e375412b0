package org.hyla4j.api.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Properties;
import org.hyla4j.api.InvalidSettingException;
import org.junit.jupiter.api.Test;

class PresetFileTest {

    private static final String SHARED = """
            layers = 2
            model_dim = 128
            heads = 8
            qk_dim = 16
            v_dim = 16
            mlp_dim = 256
            weight_decay = 0.1
            warmup = 100
            batch = 64
            steps = 1200
            lr = 3e-3
            eval_every = 400
            eval_examples = 2048
            """;

    private static Map<String, Preset> parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return PresetFile.parse(p, "test.properties");
    }

    @Test
    void sharedKeysSetBothPresetsAndAPrefixOverridesThemWhateverTheOrder() {
        // the override comes before the shared key it overrides: the file's order must not matter
        Map<String, Preset> presets = parse("paper.steps = 50_000\npaper.task_opt.split = jax\npaper.lr = 1e-3\n" + SHARED);
        Preset small = presets.get(Preset.SMALL);
        Preset paper = presets.get(Preset.PAPER);
        assertThat(small).isEqualTo(Preset.builder(Preset.SMALL).layers(2).modelDim(128).numHeads(8).qkDim(16).vDim(16).mlpDim(256)
                .batch(64).steps(1200).lr(3e-3).weightDecay(0.1).warmup(100).evalEvery(400).evalExamples(2048).build());
        assertThat(paper.steps()).isEqualTo(50_000);
        assertThat(paper.lr()).isEqualTo(1e-3);
        assertThat(paper.batch()).isEqualTo(64);
        assertThat(paper.taskOptions()).containsExactly(Map.entry("split", "jax"));
        assertThat(small.taskOptions()).isEmpty();
    }

    @Test
    void aSharedTaskOptionReachesBothPresets() {
        Map<String, Preset> presets = parse(SHARED + "task_opt.seq_len = 32\nsmall.task_opt.seq_len = 16\n");
        assertThat(presets.get(Preset.SMALL).taskOptions()).containsExactly(Map.entry("seq_len", "16"));
        assertThat(presets.get(Preset.PAPER).taskOptions()).containsExactly(Map.entry("seq_len", "32"));
    }

    @Test
    void refusesUnknownKeysMissingValuesAndMalformedNumbers() {
        assertThatThrownBy(() -> parse(SHARED + "paper.stepz = 3\n")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test.properties: unknown key 'paper.stepz'");
        assertThatThrownBy(() -> parse(SHARED + "huge.steps = 3\n")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown key 'huge.steps'");
        assertThatThrownBy(() -> parse(SHARED.replace("steps = 1200\n", "small.steps = 1200\n")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("preset paper has no 'steps'");
        assertThatThrownBy(() -> parse(SHARED + "paper.batch = lots\n")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("preset paper: 'batch' is 'lots', not a whole number");
        assertThatThrownBy(() -> parse(SHARED + "small.lr = fast\n")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'lr' is 'fast', not a number");
        // the record's own range checks still apply
        assertThatThrownBy(() -> parse(SHARED + "small.batch = 0\n")).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void aTaskWithoutItsFileSaysWhereItLooked() {
        assertThatThrownBy(() -> PresetFile.load(PresetFileTest.class, PresetFile.resourceName("nosuchtask")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("org/hyla4j/api/task/nosuchtask-presets.properties: no such resource");
    }

    @Test
    void aTaskReadsItsPresetsFromTheFileBesideItsClassAndRefusesUnknownTaskOptions() {
        // src/test/resources/org/hyla4j/api/task/presetfiletest-presets.properties
        Task t = new AbstractTask("presetfiletest", "test", java.util.List.of(new TaskOption("split", "hyla4j", "split"))) {
            @Override
            protected TaskInstance configure(TaskOptions resolved, long seed) {
                throw new UnsupportedOperationException();
            }
        };
        assertThat(t.preset(Preset.PAPER).steps()).isEqualTo(50_000);
        assertThat(t.preset(Preset.PAPER).taskOptions()).containsExactly(Map.entry("split", "jax"));
        assertThat(t.preset(Preset.SMALL).steps()).isEqualTo(1_200);
        assertThatThrownBy(() -> new AbstractTask("presetfiletest", "test", java.util.List.of()) {
            @Override
            protected TaskInstance configure(TaskOptions resolved, long seed) {
                throw new UnsupportedOperationException();
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("preset paper sets unknown task option 'split'");
    }
}
