package org.hyla4j.runner.run;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.hyla4j.core.train.TrainingListener;
import org.hyla4j.runner.base.Console;

/**
 * Progress for people: a progress bar with loss, steps/s and ETA on a terminal; plain log lines
 * (about 20 per run, plus every evaluation) when standard error is not a terminal, as in CI.
 */
public final class Progress implements TrainingListener, AutoCloseable {

    private final Console console;
    private final String label;
    private ProgressBar bar;
    private long total;
    private long start;
    private long startStep;
    private double smoothedRate;

    public Progress(Console console, String label) {
        this.console = console;
        this.label = label;
    }

    @Override
    public void onStart(long startStep, long totalSteps, long parameterCount) {
        this.total = totalSteps;
        this.startStep = startStep;
        this.start = System.nanoTime();
        if (console.interactive()) {
            bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(totalSteps).startsFrom(startStep, Duration.ZERO)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                    .showSpeed().build();
        } else {
            console.err().printf(Locale.ROOT, "[%s] %s steps from step %d, %,d parameters%n", label, totalSteps, startStep, parameterCount);
        }
    }

    @Override
    public void onStep(StepReport r) {
        smoothedRate = smoothedRate == 0 ? r.stepsPerSecond() : 0.95 * smoothedRate + 0.05 * r.stepsPerSecond();
        if (bar != null) {
            bar.stepTo(r.step());
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4g", r.loss()));
            return;
        }
        long every = Math.max(1, total / 20);
        if (r.step() % every == 0 || r.step() == total) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            double rate = (r.step() - startStep) / Math.max(1e-9, elapsed);
            long eta = (long) ((total - r.step()) / Math.max(1e-9, rate));
            console.err().printf(Locale.ROOT, "[%s] step %d/%d loss %.4g lr %.2e %.1f steps/s ETA %dm%02ds%n", label, r.step(), total,
                    r.loss(), r.lr(), rate, eta / 60, eta % 60);
        }
    }

    @Override
    public void onEval(long step, Map<String, Double> metrics, double seconds) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.4f", k, v)));
        if (bar != null) {
            bar.setExtraMessage("eval" + sb);
        } else {
            console.err().printf(Locale.ROOT, "[%s] eval at step %d:%s%n", label, step, sb);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
