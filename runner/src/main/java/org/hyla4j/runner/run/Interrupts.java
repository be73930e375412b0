package org.hyla4j.runner.run;

import org.hyla4j.core.train.StopSignal;

/**
 * SIGINT/SIGTERM handling: a shutdown hook that runs an action (ask the training loop, or the child processes, to stop and
 * wait until they have written their checkpoints); the JVM then exits with the signal's non-zero status. Closing it
 * removes the hook.
 */
public final class Interrupts implements AutoCloseable {

    private final Thread hook;

    private Interrupts(Runnable action) {
        hook = new Thread(action, "hyla4j-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Installs a hook that stops {@code signal}'s run at its next step and waits (up to two minutes) until it has stopped. */
    public static Interrupts install(StopSignal signal) {
        return onShutdown(() -> {
            signal.request();
            try {
                signal.awaitStopped(120);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Installs a hook that runs {@code action} on SIGINT/SIGTERM, until closed. */
    public static Interrupts onShutdown(Runnable action) {
        return new Interrupts(action);
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
