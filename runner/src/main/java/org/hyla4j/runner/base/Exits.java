package org.hyla4j.runner.base;

/** Exit codes of the runner. */
public final class Exits {

    /** Success. */
    public static final int OK = 0;
    /** A run failed (NaN loss, I/O error). */
    public static final int FAILURE = 1;
    /** Bad input: unknown id or option, bad number, missing or corrupt file. */
    public static final int USAGE = 2;
    /** The run directory is held by another live process (EX_TEMPFAIL): try again later; a Spark task retries it. */
    public static final int BUSY = 75;
    /** Stopped by SIGINT/SIGTERM after saving a checkpoint. */
    public static final int INTERRUPTED = 130;

    private Exits() {
    }
}
