package org.hyla4j.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A run uses at most one intra-op thread per core of its machine, and at least one. */
class EngineSetupThreadsTest {

    @Test
    void moreThreadsThanCoresAreCappedToTheCores() {
        assertThat(EngineSetup.usableThreads(100_000, 2)).isEqualTo(2);
        assertThat(EngineSetup.usableThreads(3, 16)).isEqualTo(3);
        assertThat(EngineSetup.usableThreads(16, 16)).isEqualTo(16);
        assertThat(EngineSetup.usableThreads(1, 1)).isEqualTo(1);
    }
}
