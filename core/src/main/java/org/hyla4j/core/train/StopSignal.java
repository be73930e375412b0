package org.hyla4j.core.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets another thread (a shutdown hook on SIGINT/SIGTERM) ask a training loop to stop at the next
 * step boundary and wait until it has saved its checkpoint.
 */
public final class StopSignal {

    private volatile boolean requested;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Asks the loop to stop. */
    public void request() {
        requested = true;
    }

    /** Whether a stop was asked for. */
    public boolean isRequested() {
        return requested;
    }

    /** Called by the loop once it has saved and will not touch its files again. */
    public void acknowledge() {
        stopped.countDown();
    }

    /** Waits until the loop acknowledged, at most {@code seconds}. */
    public boolean awaitStopped(long seconds) throws InterruptedException {
        return stopped.await(seconds, TimeUnit.SECONDS);
    }
}
