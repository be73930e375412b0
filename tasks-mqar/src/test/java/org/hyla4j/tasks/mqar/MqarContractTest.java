package org.hyla4j.tasks.mqar;

import org.hyla4j.api.task.Task;
import org.hyla4j.testkit.TaskContract;

class MqarContractTest extends TaskContract {

    @Override
    protected Task task() {
        return new MqarTask();
    }
}
