package org.hyla4j.runner.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.hyla4j.api.Plugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken plugin jars are reported one line each, naming the jar; the built-ins keep working. */
class PluginLoaderTest {

    private static Path jarWithService(Path file, String service, String provider) throws Exception {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + service));
            jar.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }

    @Test
    void brokenJarsAreReportedAndBuiltInsStillLoad(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("not-a-zip.jar"), "garbage");
        jarWithService(dir.resolve("missing-class.jar"), "org.hyla4j.api.attention.AttentionLayer", "org.example.Missing");
        jarWithService(dir.resolve("wrong-type.jar"), "org.hyla4j.api.task.Task", "java.lang.String");
        Files.writeString(dir.resolve("notes.txt"), "ignored: not a jar");

        PluginLoader.Discovered d = PluginLoader.discover(getClass().getClassLoader(), List.of(dir, dir.resolve("absent")));

        assertThat(d.attention().stream().map(Plugin::id)).contains("linear_hypatt", "softmax_attention");
        assertThat(d.tasks().stream().map(Plugin::id)).contains("fuzzylogic", "sraven");
        assertThat(d.problems()).hasSize(3);
        assertThat(d.problems()).anyMatch(p -> p.contains("not-a-zip.jar"));
        assertThat(d.problems()).anyMatch(p -> p.contains("missing-class.jar") && p.contains("org.example.Missing"));
        assertThat(d.problems()).anyMatch(p -> p.contains("wrong-type.jar"));
        assertThat(d.problems()).allMatch(p -> !p.contains("\n"));
    }
}
