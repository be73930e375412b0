package org.hyla4j.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** provenance.json records glibc malloc's settings (they change a run's speed, never its numbers). */
class ProvenanceMallocTest {

    @Test
    void onlyTheMallocVariablesAreRecordedInOrder() {
        Map<String, String> env = Map.of("MALLOC_MMAP_MAX_", "0", "MALLOC_ARENA_MAX", "1", "PATH", "/usr/bin", "HYLA4J_MALLOC", "tuned");
        assertThat(Provenance.malloc(env)).containsExactly(Map.entry("MALLOC_ARENA_MAX", "1"), Map.entry("MALLOC_MMAP_MAX_", "0"));
        assertThat(Provenance.malloc(Map.of("PATH", "/usr/bin"))).isEmpty();
    }
}
