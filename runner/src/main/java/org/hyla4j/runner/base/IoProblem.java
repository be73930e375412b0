package org.hyla4j.runner.base;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * An I/O failure in words for one {@code error:} line. Java's file exceptions often carry only the path as their
 * message ({@code cannot create afile: afile}); the kind of failure is in the exception's type.
 */
public final class IoProblem {

    private IoProblem() {
    }

    /** {@code PATH: what went wrong} for a file-system failure, the message's first line otherwise. */
    public static String describe(IOException e) {
        if (!(e instanceof FileSystemException f)) {
            return firstLine(e.getMessage());
        }
        String what = f.getReason() != null ? f.getReason()
                : f instanceof NoSuchFileException ? "no such file or directory"
                : f instanceof AccessDeniedException ? "permission denied"
                : f instanceof FileAlreadyExistsException ? "already exists"
                : f instanceof NotDirectoryException ? "not a directory"
                : f instanceof DirectoryNotEmptyException ? "directory not empty"
                : "file system error (" + f.getClass().getSimpleName() + ")";
        String where = f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": ";
        return where + what;
    }

    /** The first line of an exception message (parsers run on with a source excerpt). */
    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
