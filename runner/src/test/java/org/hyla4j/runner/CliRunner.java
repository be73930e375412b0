package org.hyla4j.runner;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.hyla4j.runner.base.Console;

/** Runs the CLI in-process and captures its output. */
final class CliRunner {

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new Console(new PrintWriter(out, true), new PrintWriter(err, true), false));
        return new Result(code, out.toString(), err.toString());
    }
}
