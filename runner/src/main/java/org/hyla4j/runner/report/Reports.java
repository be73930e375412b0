package org.hyla4j.runner.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.hyla4j.core.io.AtomicFile;

/** Adding sections to a written report. */
public final class Reports {

    private Reports() {
    }

    /** Appends a section to a report. */
    public static void append(Path report, String markdown) {
        try {
            Files.writeString(report, markdown, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + report + ": " + e.getMessage(), e);
        }
    }

    /** Puts a notice before a report's text. */
    public static void prepend(Path report, String markdown) {
        try {
            AtomicFile.writeString(report, markdown + Files.readString(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + report + ": " + e.getMessage(), e);
        }
    }
}
