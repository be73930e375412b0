package org.hyla4j.runner.run;

import java.util.List;
import java.util.Map;
import org.hyla4j.core.train.TrainingListener;

/** Forwards every event to several listeners, in order. */
public record CompositeListener(List<TrainingListener> listeners) implements TrainingListener {

    @Override
    public void onStart(long startStep, long totalSteps, long parameterCount) {
        listeners.forEach(l -> l.onStart(startStep, totalSteps, parameterCount));
    }

    @Override
    public boolean wantsGradNorm(long step) {
        return listeners.stream().anyMatch(l -> l.wantsGradNorm(step));
    }

    @Override
    public void onStep(StepReport report) {
        listeners.forEach(l -> l.onStep(report));
    }

    @Override
    public void onEval(long step, Map<String, Double> metrics, double seconds) {
        listeners.forEach(l -> l.onEval(step, metrics, seconds));
    }

    @Override
    public void onCheckpoint(long step, double seconds) {
        listeners.forEach(l -> l.onCheckpoint(step, seconds));
    }
}
