package org.hyla4j.runner;

/** Lets tests in other packages run the CLI in-process. */
public final class CliAccess {

    private CliAccess() {
    }

    /** Runs a command line; see {@link CliRunner}. */
    public static Result run(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        return new Result(r.exit(), r.out(), r.err());
    }

    /** Exit code and captured output. */
    public record Result(int exit, String out, String err) {
    }
}
