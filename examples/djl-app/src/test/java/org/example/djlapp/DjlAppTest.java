package org.example.djlapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.hyla4j.api.attention.AttentionBlock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DjlAppTest {

    static java.util.stream.Stream<String> variants() {
        return DjlApp.variants().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void trainsSavesAndReloadsWithDjlsDefaults(String id, @TempDir Path dir) throws Exception {
        Supplier<AttentionBlock.Builder> variant = DjlApp.variants().get(id);
        float[] r = DjlApp.run(variant, dir);
        System.out.printf("%s: loss %.4f -> %.5f, reload max |diff| %s%n", id, r[0], r[1], r[2]);
        assertTrue(r[1] < r[0] / 5, id + " learned: loss " + r[0] + " -> " + r[1]);
        assertEquals(0f, r[2], id + " reloads exactly");
    }
}
