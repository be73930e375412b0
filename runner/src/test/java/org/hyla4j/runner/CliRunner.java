package org.hyla4j.runner;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** The directory of a run of {@code compare} or {@code reproduce} in {@code out}: {@code runs/VARIANT-sSEED-HASH}, as a sweep's. */
    static Path runDir(Path out, String variant, long seed) {
        try (java.util.stream.Stream<Path> dirs = Files.list(out.resolve("runs"))) {
            List<Path> found = dirs.filter(d -> d.getFileName().toString().matches(java.util.regex.Pattern.quote(variant + "-s" + seed + "-")
                    + "[0-9a-f]{12}")).toList();
            if (found.size() != 1) {
                throw new AssertionError("expected one run " + variant + " seed " + seed + " in " + out + ", found " + found);
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
