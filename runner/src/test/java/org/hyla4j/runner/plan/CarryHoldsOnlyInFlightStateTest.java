package org.hyla4j.runner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code carry/} holds the state of runs still in flight and nothing else (docs/sweeps.md, "Carrying a campaign"): no file
 * that a published page under {@code docs/results/} already holds, and no finished run (a run directory with its
 * {@code result.json}). Every clone pays for what is committed there, forever.
 */
class CarryHoldsOnlyInFlightStateTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void noCarriedFileIsACopyOfAPublishedOne() throws IOException {
        assertThat(copies(ROOT.resolve("carry"), ROOT.resolve("docs/results"))).as("files in carry/ that docs/results/ already holds").isEmpty();
    }

    @Test
    void noCarriedRunHasFinished() throws IOException {
        assertThat(finishedRuns(ROOT.resolve("carry"))).as("finished runs in carry/ (publish them, then delete them)").isEmpty();
    }

    @Test
    void theChecksFindACopyAndAFinishedRun(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path carry = tmp.resolve("carry/sweep-x/runs/linear_hypatt-s0-abc");
        Path docs = tmp.resolve("docs/results/page");
        Files.createDirectories(carry);
        Files.createDirectories(docs);
        Files.writeString(carry.resolve("config.json"), "{\"a\":1}");
        Files.writeString(carry.resolve("checkpoint.bin"), "weights");
        Files.writeString(docs.resolve("same.json"), "{\"a\":1}");
        assertThat(copies(tmp.resolve("carry"), tmp.resolve("docs/results"))).containsExactly(carry.resolve("config.json"));
        assertThat(finishedRuns(tmp.resolve("carry"))).isEmpty(); // in flight: no result.json yet
        Files.writeString(carry.resolve("result.json"), "{}");
        assertThat(finishedRuns(tmp.resolve("carry"))).containsExactly(carry);
        assertThat(copies(tmp.resolve("absent"), tmp.resolve("docs/results"))).isEmpty();
    }

    /** Files under {@code carry} whose bytes equal a file's under {@code published}. */
    static List<Path> copies(Path carry, Path published) throws IOException {
        if (!Files.isDirectory(carry)) {
            return List.of();
        }
        Map<String, Path> hashes = new HashMap<>();
        try (Stream<Path> files = Files.walk(published)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                hashes.putIfAbsent(sha256(f), f);
            }
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(carry)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                if (hashes.containsKey(sha256(f))) {
                    found.add(f);
                }
            }
        }
        return found;
    }

    /** Run directories (holding a {@code config.json}) under {@code carry} that have a {@code result.json}. */
    static List<Path> finishedRuns(Path carry) throws IOException {
        if (!Files.isDirectory(carry)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(carry)) {
            return files.filter(f -> f.getFileName().toString().equals("config.json"))
                    .map(Path::getParent).filter(d -> Files.exists(d.resolve("result.json"))).sorted().toList();
        }
    }

    private static String sha256(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
