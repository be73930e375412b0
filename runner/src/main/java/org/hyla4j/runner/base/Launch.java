package org.hyla4j.runner.base;

/** How the runner starts a copy of itself (a child JVM, a cluster task): its main class and the internal one-run command. */
public final class Launch {

    /** The runner's entry point. */
    public static final String MAIN_CLASS = "org.hyla4j.runner.Main";
    /** The hidden command that trains the run configured in a directory: {@code _run --dir DIR}. */
    public static final String RUN_ONE = "_run";

    private Launch() {
    }
}
