package org.hyla4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @Test
    void replacesTheContentAndLeavesNoTemporaryFile(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("a.json");
        AtomicFile.writeString(f, "old");
        AtomicFile.writeString(f, "new ✓");
        assertThat(f).hasContent("new ✓");
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void aWriteThatFailsHalfWayKeepsTheOldContent(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("checkpoint.bin");
        AtomicFile.writeString(f, "finished work");
        assertThatThrownBy(() -> AtomicFile.write(f, out -> {
            out.write(new byte[100_000]); // past the buffer, so part of it reached the temporary file
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(f).hasContent("finished work");
        assertThat(tmp.resolve("checkpoint.bin.tmp")).doesNotExist();

        assertThatThrownBy(() -> AtomicFile.write(f, out -> {
            throw new IllegalStateException("a bug in the writer");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(f).hasContent("finished work");
        assertThat(tmp.resolve("checkpoint.bin.tmp")).doesNotExist();
    }
}
