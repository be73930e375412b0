package org.hyla4j.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hyla4j.api.task.PresetFile;
import org.junit.jupiter.api.Test;

/** A task's presets file speaks the sweep files' language: every preset key but the widths at width 1 is a sweep key. */
class PresetKeysTest {

    /** Preset values a sweep does not set directly: it scales them with {@code width}. */
    private static final List<String> WIDTHS = List.of("model_dim", "qk_dim", "v_dim", "mlp_dim");

    @Test
    void everyPresetKeyButTheWidthsIsASweepKey() {
        for (String key : PresetFile.KEYS) {
            if (!WIDTHS.contains(key)) {
                assertThat(Setting.forSweepKey(key)).as("preset key %s", key).isPresent();
            }
        }
        assertThat(PresetFile.KEYS).containsAll(WIDTHS);
    }
}
