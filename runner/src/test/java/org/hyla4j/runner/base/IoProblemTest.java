package org.hyla4j.runner.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyla4j.runner.run.RunService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java's file exceptions carry the path as their message; the error line says what went wrong. */
class IoProblemTest {

    private static IOException thrown(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("no IOException");
    }

    private interface IoAction {
        void run() throws IOException;
    }

    @Test
    void theFileSystemsFailuresAreNamed(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        Path missing = tmp.resolve("missing");
        assertThat(IoProblem.describe(thrown(() -> Files.newInputStream(missing)))).isEqualTo(missing + ": no such file or directory");
        assertThat(IoProblem.describe(thrown(() -> Files.list(file)))).isEqualTo(file + ": not a directory");
        assertThat(IoProblem.describe(thrown(() -> Files.createDirectory(file)))).isEqualTo(file + ": already exists");
        assertThat(IoProblem.describe(thrown(() -> Files.delete(tmp)))).isEqualTo(tmp + ": directory not empty");
        assertThat(IoProblem.describe(new AccessDeniedException("/x"))).isEqualTo("/x: permission denied");
        // where the file system gives its own reason, that is the reason
        assertThat(IoProblem.describe(thrown(() -> Files.createDirectories(file.resolve("sub")))))
                .isEqualTo(file.resolve("sub") + ": Not a directory");
        assertThat(IoProblem.describe(new FileSystemException("/a", "/b", null))).isEqualTo("/a -> /b: file system error (FileSystemException)");
        assertThat(IoProblem.describe(new IOException("disk on fire\nmore"))).isEqualTo("disk on fire");
    }

    @Test
    void anOutputDirectoryThatIsAFileIsSaidSo(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        assertThatThrownBy(() -> RunService.prepare(file)).isInstanceOf(UsageException.class)
                .hasMessage("output directory " + file + " exists and is not a directory");
        assertThatThrownBy(() -> RunService.prepare(file.resolve("sub"))).isInstanceOf(UsageException.class)
                .hasMessage("cannot create output directory " + file.resolve("sub") + ": " + file.resolve("sub") + ": Not a directory");
        assertThat(Files.readString(file)).isEqualTo("x"); // nothing written is lost
    }
}
