package org.hyla4j.runner.base;

import java.io.PrintWriter;

/**
 * The runner's console: standard output for results, standard error for progress and messages.
 * Library code never prints; commands talk through this.
 *
 * @param out results
 * @param err progress and diagnostics
 * @param interactive whether a person is watching a terminal (progress bars instead of log lines)
 */
public record Console(PrintWriter out, PrintWriter err, boolean interactive) {

    /** The process console. */
    public static Console system() {
        return new Console(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.console() != null);
    }
}
