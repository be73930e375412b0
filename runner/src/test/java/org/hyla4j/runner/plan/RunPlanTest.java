package org.hyla4j.runner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.hyla4j.runner.TestCatalog;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import org.hyla4j.runner.plugins.Catalog;
import org.junit.jupiter.api.Test;

/** A run's identity: the stable hash of its experiment. */
class RunPlanTest {

    private static final Catalog CATALOG = TestCatalog.builtIn();

    private static RunSettings base() {
        return RunConfig.builder().task("fuzzylogic").attention(List.of("softmax_attention", "linear_hypatt")).seeds(List.of(0L, 1L, 2L))
                .steps(10).batch(8);
    }

    @Test
    void theHashIdentifiesTheExperimentNotTheMachine() {
        RunConfig a = base().threads(1).device("cpu").build(CATALOG);
        RunConfig b = base().threads(2).device("auto").build(CATALOG);
        assertThat(RunPlan.hash(a)).matches("[0-9a-f]{12}").isEqualTo(RunPlan.hash(b));
        assertThat(RunPlan.hash(base().lr(3e-4).build(CATALOG))).isNotEqualTo(RunPlan.hash(a));
        assertThat(RunPlan.hash(base().taskOption("num_terms", "3").build(CATALOG))).isNotEqualTo(RunPlan.hash(a));
        // the same values spelled through defaults or explicitly are the same experiment
        assertThat(RunPlan.hash(base().preset("small").width(1).build(CATALOG))).isEqualTo(RunPlan.hash(a));
        // fixed for all time: a changed hash function would orphan every existing sweep directory
        assertThat(RunPlan.hash(a)).isEqualTo(RunPlan.hash(RunConfig.builder().over(a.toBuilder()).build(CATALOG)));
    }
}
