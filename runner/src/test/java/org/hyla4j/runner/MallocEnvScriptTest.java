package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** scripts/malloc-env, which the launcher, the device bundle's launcher and scripts/paper/run source before training. */
class MallocEnvScriptTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "malloc-env").toAbsolutePath().normalize();

    private record Outcome(int code, String out) {
    }

    /** Sources the script in a clean environment with {@code env} and prints the MALLOC_ variables it leaves. */
    private static Outcome source(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", "-c", ". \"$0\" && env | grep '^MALLOC_' | sort; true", SCRIPT.toString()))
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("MALLOC_") || k.equals("HYLA4J_MALLOC"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), out.strip());
    }

    @Test
    void tunedIsTheDefaultAndNeitherMapsNorTrims() throws Exception {
        String tuned = String.join("\n", "MALLOC_MMAP_MAX_=0", "MALLOC_TOP_PAD_=268435456", "MALLOC_TRIM_THRESHOLD_=68719476736");
        assertThat(source(Map.of())).isEqualTo(new Outcome(0, tuned));
        assertThat(source(Map.of("HYLA4J_MALLOC", "tuned"))).isEqualTo(new Outcome(0, tuned));
    }

    @Test
    void theTestJvmsGetTheSameSettingsAsTheLauncher() throws Exception {
        // pom.xml cannot source the script, so surefire's environmentVariables repeat its values: this keeps the two equal
        String pom = Files.readString(Path.of("..", "pom.xml"));
        Matcher m = Pattern.compile("<(MALLOC_[A-Z_]+)>([^<]*)</\\1>").matcher(pom);
        List<String> surefire = new ArrayList<>();
        while (m.find()) {
            surefire.add(m.group(1) + "=" + m.group(2));
        }
        Collections.sort(surefire);
        assertThat(String.join("\n", surefire)).isEqualTo(source(Map.of()).out());
    }

    @Test
    void defaultLeavesGlibcAsItComesAndAValueAlreadySetWins() throws Exception {
        assertThat(source(Map.of("HYLA4J_MALLOC", "default"))).isEqualTo(new Outcome(0, ""));
        assertThat(source(Map.of("MALLOC_MMAP_MAX_", "4")).out()).contains("MALLOC_MMAP_MAX_=4").doesNotContain("MALLOC_MMAP_MAX_=0");
    }

    @Test
    void anUnknownChoiceIsOneErrorLineAndExitTwo() throws Exception {
        assertThat(source(Map.of("HYLA4J_MALLOC", "fast"))).isEqualTo(new Outcome(2, "error: HYLA4J_MALLOC must be tuned or default, not 'fast'"));
    }
}
