package org.hyla4j.runner.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress line's ETA from the running runs' step rates. */
class SweepEtaTest {

    @Test
    void runningRunsFinishAtTheirOwnRateAndWaitingOnesShareTheFreedSlots() {
        // two slots: 1,000 steps left at 10/s and 2,000 at 10/s; one run of 5,000 steps waits
        double eta = SweepService.etaSeconds(List.of(new double[] {1000, 10}, new double[] {2000, 10}), List.of(5000L));
        assertThat(eta).isCloseTo((100 + 200 + 500) / 2.0, within(1e-9)); // 400 s of slot time each
        // nothing waits: the slowest running run decides
        assertThat(SweepService.etaSeconds(List.of(new double[] {1000, 10}, new double[] {3000, 5}), List.of())).isCloseTo(600, within(1e-9));
        // a long run alone outlasts the shared work
        assertThat(SweepService.etaSeconds(List.of(new double[] {10000, 10}, new double[] {10, 10}), List.of(10L))).isCloseTo(1000, within(1e-9));
        // before any run trains there is no rate to go by
        assertThat(SweepService.etaSeconds(List.of(), List.of(5000L))).isNaN();
    }

    @Test
    void durationsReadAsHoursAndMinutes() {
        assertThat(SweepService.duration(59 * 60)).isEqualTo("59 min");
        assertThat(SweepService.duration(65 * 60 + 20)).isEqualTo("1 h 05 min");
        assertThat(SweepService.duration(26 * 3600)).isEqualTo("26 h 00 min");
    }
}
