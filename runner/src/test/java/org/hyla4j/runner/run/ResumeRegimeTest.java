package org.hyla4j.runner.run;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.TestCatalog;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import org.hyla4j.runner.plugins.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run directory resumes only under the experiment, and so the training regime, it started in. */
class ResumeRegimeTest {

    private static final Catalog CATALOG = TestCatalog.builtIn();

    @Test
    void aRunFromBeforeTheRegimeSettingsResumesOnlyUnderTheLegacyRegime(@TempDir Path dir) throws Exception {
        // config.json as hyla4j wrote it before the decay mask and the split were settings
        Files.writeString(dir.resolve(RunService.CONFIG), "{\"task\": \"fuzzylogic\", \"preset\": \"paper\", \"attention\": [\"linear_hypatt\"],"
                + " \"seeds\": [0], \"steps\": 50, \"taskOptions\": {\"seq_len\": \"32\"}}");
        RunSettings same = RunConfig.builder().task("fuzzylogic").preset("paper").attention(List.of("linear_hypatt")).seeds(List.of(0L))
                .steps(50).seqLen(32);
        RunConfig legacy = same.copy().decayMask("matrices").taskOption("split", "hyla4j").build(CATALOG);
        assertThatCode(() -> RunService.checkResumable(dir, legacy, CATALOG)).doesNotThrowAnyException();
        RunConfig paper = same.copy().build(CATALOG);
        assertThatThrownBy(() -> RunService.checkResumable(dir, paper, CATALOG)).isInstanceOf(UsageException.class)
                .hasMessageContaining("holds a run of another experiment").hasMessageContaining("decayMask (legacy) -> \"paper\"")
                .hasMessageContaining("\"split\":\"jax\"");
        assertThatThrownBy(() -> RunService.checkResumable(dir, legacy.toBuilder().lr(3e-3).build(CATALOG), CATALOG))
                .hasMessageContaining("lr 0.001 -> 0.003");
        // a directory without config.json has nothing to resume against
        assertThatCode(() -> RunService.checkResumable(dir.resolve("none"), paper, CATALOG)).doesNotThrowAnyException();
    }
}
