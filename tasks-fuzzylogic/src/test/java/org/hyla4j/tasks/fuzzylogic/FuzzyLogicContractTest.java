package org.hyla4j.tasks.fuzzylogic;

import org.hyla4j.api.task.Task;
import org.hyla4j.testkit.TaskContract;

class FuzzyLogicContractTest extends TaskContract {

    @Override
    protected Task task() {
        return new FuzzyLogicTask();
    }
}
