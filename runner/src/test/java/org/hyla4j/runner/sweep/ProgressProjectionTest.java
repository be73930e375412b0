package org.hyla4j.runner.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A run in progress projects its remaining hours from its checkpoint and the rate it last logged. */
class ProgressProjectionTest {

    @Test
    void hoursLeftAreTheRemainingStepsAtTheLastRate() {
        SweepReport.Progress p = new SweepReport.Progress(3_125, -1, Double.NaN, Double.NaN, 2.0);
        assertThat(p.hoursLeft(156_250)).isCloseTo((156_250 - 3_125) / 2.0 / 3600, within(1e-9)); // 21.27 h
        assertThat(p.hoursLeft(3_000)).isZero(); // past its budget: nothing left
        assertThat(new SweepReport.Progress(3_125, -1, Double.NaN, Double.NaN, Double.NaN).hoursLeft(156_250)).isNaN();
        assertThat(new SweepReport.Progress(3_125, -1, Double.NaN, Double.NaN, 0).hoursLeft(156_250)).isNaN();
    }
}
