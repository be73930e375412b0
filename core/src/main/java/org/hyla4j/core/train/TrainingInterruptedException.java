package org.hyla4j.core.train;

/** Thrown by a training loop that stopped on request after saving its checkpoint. */
public class TrainingInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final long step;

    public TrainingInterruptedException(long step) {
        super("interrupted after step " + step + "; checkpoint saved");
        this.step = step;
    }

    /** For callers that stopped several runs and tell the user how to continue them. */
    protected TrainingInterruptedException(String message, long step) {
        super(message);
        this.step = step;
    }

    /** Completed steps when stopped. */
    public long step() {
        return step;
    }
}
