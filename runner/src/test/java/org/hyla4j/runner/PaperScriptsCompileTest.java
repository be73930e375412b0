package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java halves of the checks against the paper's code (scripts/paper/*.java, run as single-file programs on the
 * runner's jar; docs/fidelity.md) still compile against hyla4j's API: their Python halves need JAX, which CI does not
 * have, but an API change must not break them unnoticed.
 */
class PaperScriptsCompileTest {

    @Test
    void everyJavaScriptCompilesAgainstTheRunnersClassPath(@TempDir Path out) throws Exception {
        Path dir = Path.of("..", "scripts", "paper");
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(sources).extracting(p -> p.getFileName().toString()).contains("Trajectory.java", "Replay.java");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        for (Path source : sources) {
            StringWriter errors = new StringWriter();
            boolean ok = javac.getTask(errors, null, null,
                    List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none"), null,
                    javac.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile())).call();
            assertThat(ok).as("%s compiles: %s", source.getFileName(), errors).isTrue();
        }
    }
}
