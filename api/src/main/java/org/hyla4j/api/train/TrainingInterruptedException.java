package org.hyla4j.api.train;

/** Thrown by a training loop that stopped on request after saving its checkpoint. */
public class TrainingInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final long step;

    public TrainingInterruptedException(long step) {
        super("interrupted after step " + step + "; checkpoint saved, continue with --resume");
        this.step = step;
    }

    /** Completed steps when stopped. */
    public long step() {
        return step;
    }
}
