package org.hyla4j.tasks.lm;

import java.util.Map;
import org.hyla4j.api.task.Task;
import org.hyla4j.testkit.TaskContract;

class LmContractTest extends TaskContract {

    @Override
    protected Task task() {
        return new LmTask();
    }

    @Override
    protected Map<String, String> options() {
        return Map.of("synthetic_bytes", "40000", "seq_len", "16");
    }
}
