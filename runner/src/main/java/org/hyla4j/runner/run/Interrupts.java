package org.hyla4j.runner.run;

import org.hyla4j.api.train.StopSignal;

/**
 * SIGINT/SIGTERM handling: a shutdown hook asks the training loop to stop at the next step, then
 * waits (up to two minutes) until it has written its checkpoint and metrics; the JVM then exits
 * with the signal's non-zero status.
 */
public final class Interrupts implements AutoCloseable {

    private final Thread hook;

    private Interrupts(StopSignal signal) {
        hook = new Thread(() -> {
            signal.request();
            try {
                signal.awaitStopped(120);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hyla4j-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Installs the hook for the duration of a run. */
    public static Interrupts install(StopSignal signal) {
        return new Interrupts(signal);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and must finish
        }
    }
}
