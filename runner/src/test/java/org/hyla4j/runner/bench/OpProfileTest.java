package org.hyla4j.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Self time per operator from a Chrome trace: nested operators are subtracted from their callers, per thread. */
class OpProfileTest {

    @Test
    void selfTimeSubtractsNestedOperatorsPerThread(@TempDir Path tmp) throws Exception {
        // thread 1: linear [0, 100) calls addmm [10, 70), which calls copy_ [20, 30); then mul [100, 105)
        // thread 2: mul [0, 50) overlaps linear in time but is not nested in it
        String trace = """
                [
                 {"name": "aten::linear", "ph": "X", "ts": 0, "dur": 100, "pid": "CPU", "tid": 1},
                 {"name": "aten::addmm", "ph": "X", "ts": 10, "dur": 60, "pid": "CPU", "tid": 1},
                 {"name": "aten::copy_", "ph": "X", "ts": 20, "dur": 10, "pid": "CPU", "tid": 1},
                 {"name": "aten::mul", "ph": "X", "ts": 100, "dur": 5, "pid": "CPU", "tid": 1},
                 {"name": "aten::mul", "ph": "X", "ts": 0, "dur": 50, "pid": "CPU", "tid": 2},
                 {"name": "flow", "ph": "s", "ts": 0, "pid": "CPU", "tid": 1}
                ]""";
        Path f = Files.writeString(tmp.resolve("t.json"), trace);
        List<OpProfile.Op> ops = OpProfile.summarise(f);
        Map<String, OpProfile.Op> byName = ops.stream().collect(Collectors.toMap(OpProfile.Op::op, o -> o));
        assertThat(byName.get("aten::linear").selfMs()).isCloseTo(0.040, within(1e-9));
        assertThat(byName.get("aten::addmm").selfMs()).isCloseTo(0.050, within(1e-9));
        assertThat(byName.get("aten::copy_").selfMs()).isCloseTo(0.010, within(1e-9));
        assertThat(byName.get("aten::mul").selfMs()).isCloseTo(0.055, within(1e-9));
        assertThat(byName.get("aten::mul").calls()).isEqualTo(2);
        assertThat(ops.get(0).op()).isEqualTo("aten::mul"); // largest self time first
        assertThat(ops.stream().mapToDouble(OpProfile.Op::selfMs).sum()).isCloseTo(0.155, within(1e-9)); // = wall time of both threads

        String table = OpProfile.table(ops, 2, 5);
        assertThat(table).contains("| aten::mul | 0.4 | 0.01 | 35.5 % |", "| all operators | 1.0 | 0.03 | 100 % |");
        assertThat(table.lines()).hasSize(5);
    }

    @Test
    void aTraceObjectWithTraceEventsIsReadToo(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("t.json"), "{\"traceEvents\": [{\"name\": \"aten::mm\", \"ph\": \"X\", \"ts\": 5, \"dur\": 7, "
                + "\"pid\": 0, \"tid\": 0}]}");
        assertThat(OpProfile.summarise(f)).containsExactly(new OpProfile.Op("aten::mm", 1, 0.007));
    }
}
