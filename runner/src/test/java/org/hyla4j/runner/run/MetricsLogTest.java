package org.hyla4j.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.base.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wall time and provenance of a run that was interrupted and resumed. */
class MetricsLogTest {

    @Test
    void aResumedRunCountsTheWallTimeUpToItsCheckpointNotTheRedoneWork(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve(MetricsLog.FILE), """
                {"type":"train","step":100,"loss":1.0,"wall_s":50.0}
                {"type":"eval","step":200,"test/r2":0.1,"wall_s":120.5}
                {"type":"train","step":300,"loss":0.5,"wall_s":170.0}
                """);
        try (MetricsLog log = new MetricsLog(file, 100)) {
            log.onStart(200, 400, 10);
            double wall = log.wallSeconds();
            assertThat(wall).isBetween(120.5, 130.0); // the segment past step 200 (up to 170 s) is redone, not counted
            log.onEval(400, Map.of("test/r2", 0.5), 0.25);
            assertThat(log.wallSeconds()).isGreaterThanOrEqualTo(wall);
        }
        List<JsonNode> records = MetricsLog.read(file);
        assertThat(records).extracting(n -> n.get("step").asLong()).containsExactly(100L, 200L, 400L);
        assertThat(records.get(2).get("wall_s").asDouble()).isBetween(120.5, 130.0);
    }

    @Test
    void lastOfTypeGivesEachTypesLatestRecordAndStopsAtACutLine(@TempDir Path tmp) throws Exception {
        assertThat(MetricsLog.lastOfType(tmp)).isEmpty(); // nothing logged yet
        Files.writeString(tmp.resolve(MetricsLog.FILE), """
                {"type":"train","step":100,"steps_per_s":9.5,"wall_s":10.0}
                {"type":"eval","step":200,"test/r2":0.1,"wall_s":20.0}
                {"type":"checkpoint","step":200,"wall_s":20.1}
                {"type":"train","step":300,"steps_per_s":10.5,"wall_s":30.0}
                {"type":"eval","step":400,"test/r2":0.3,"wall_s":40.0}
                {"type":"checkpoint","step":4
                """);
        Map<String, JsonNode> last = MetricsLog.lastOfType(tmp);
        assertThat(last.keySet()).containsExactly("train", "eval", "checkpoint");
        assertThat(last.get("train").path("steps_per_s").asDouble()).isEqualTo(10.5);
        assertThat(last.get("eval").path("test/r2").asDouble()).isEqualTo(0.3);
        assertThat(last.get("checkpoint").path("step").asLong()).isEqualTo(200); // the cut line is not a record
    }

    @Test
    void aFreshRunStartsAtZero(@TempDir Path tmp) throws Exception {
        try (MetricsLog log = new MetricsLog(tmp.resolve(MetricsLog.FILE), 1)) {
            log.onStart(0, 10, 10);
            assertThat(log.wallSeconds()).isBetween(0.0, 5.0);
        }
    }

    @Test
    void aResumedRunKeepsItsFirstProvenanceAndListsEachLaterSegment(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("provenance.json");
        Json.write(file, Map.of("started", "2026-01-01T00:00:00Z", "git_commit", "aaa", "device", "cpu()", "threads", 2, "cpus", 2,
                "hyla4j_version", "0.1", "seeds", Map.of("root", 3)));
        Map<String, Object> second = Map.of("started", "2026-01-02T00:00:00Z", "git_commit", "bbb", "device", "gpu(0)", "threads", 4,
                "cpus", 8, "hyla4j_version", "0.2", "seeds", Map.of("root", 3));
        Json.write(file, Provenance.resumed(file, second));
        Map<String, Object> third = new java.util.TreeMap<>(second);
        third.put("started", "2026-01-03T00:00:00Z");
        Json.write(file, Provenance.resumed(file, third));

        JsonNode p = Json.read(file);
        assertThat(p.get("started").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(p.get("git_commit").asText()).isEqualTo("aaa");
        assertThat(p.get("resumed")).hasSize(2);
        assertThat(p.get("resumed").get(0).get("git_commit").asText()).isEqualTo("bbb");
        assertThat(p.get("resumed").get(0).get("device").asText()).isEqualTo("gpu(0)");
        assertThat(p.get("resumed").get(1).get("started").asText()).isEqualTo("2026-01-03T00:00:00Z");

        assertThat(Provenance.resumed(tmp.resolve("absent.json"), second)).isSameAs(second);
        Path corrupt = Files.writeString(tmp.resolve("corrupt.json"), "{\"started\": ");
        assertThatThrownBy(() -> Provenance.resumed(corrupt, second)).isInstanceOf(UsageException.class).hasMessageContaining("corrupt");
    }
}
