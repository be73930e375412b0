package org.hyla4j.tasks.sraven;

import org.hyla4j.api.task.Task;
import org.hyla4j.testkit.TaskContract;

class SravenContractTest extends TaskContract {

    @Override
    protected Task task() {
        return new SravenTask();
    }
}
