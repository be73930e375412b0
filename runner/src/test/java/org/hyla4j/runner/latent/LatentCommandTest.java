package org.hyla4j.runner.latent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyla4j.runner.CliAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hyla4j latent} end to end on a briefly trained SRAVEN run. */
class LatentCommandTest {

    @Test
    void latentWritesDecodingPlotsAndJson(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        var train = CliAccess.run("train", "--task", "sraven", "--attention", "linear_hypatt", "--steps", "6", "--batch", "8",
                "--layers", "2", "--eval-every", "6", "--eval-examples", "32", "--out", run.toString());
        assertThat(train.exit()).as(train.err()).isZero();
        var r = CliAccess.run("latent", "--run", run.toString(), "--examples", "120", "--tsne-points", "60");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("layer 0", "layer 1", "all layers", "rule", "macro-F1");
        Path latent = run.resolve("latent");
        for (String f : new String[] {"pca_last_layer.png", "tsne_last_layer.png", "cosine_mean_code.png", "decoding_f1.png"}) {
            assertThat(Files.size(latent.resolve(f))).as(f).isGreaterThan(5_000);
        }
        var json = new ObjectMapper().readTree(latent.resolve("latent.json").toFile());
        assertThat(json.get("probe").get("keys").toString()).isEqualTo("[27,31]");
        assertThat(json.get("decodings").size()).isEqualTo(3); // layers 0, 1 and all, one label
        assertThat(Files.readString(latent.resolve("cosine_mean_code.csv"))).startsWith("label,rule ");

        // an earlier kept checkpoint (runs keep one per evaluation) and a missing one
        var train2 = CliAccess.run("train", "--task", "sraven", "--attention", "softmax_attention", "--steps", "6", "--batch", "8",
                "--layers", "2", "--eval-every", "3", "--eval-examples", "32", "--out", tmp.resolve("run2").toString());
        assertThat(train2.exit()).as(train2.err()).isZero();
        var early = CliAccess.run("latent", "--run", tmp.resolve("run2").toString(), "--checkpoint", "3", "--examples", "60",
                "--tsne-points", "30");
        assertThat(early.exit()).as(early.err()).isZero();
        assertThat(new ObjectMapper().readTree(tmp.resolve("run2/latent-step-3/latent.json").toFile()).get("checkpoint_step").asLong())
                .isEqualTo(3);
        var missing = CliAccess.run("latent", "--run", tmp.resolve("run2").toString(), "--checkpoint", "4");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("kept steps: [3, 6]");

        var bad = CliAccess.run("latent", "--run", tmp.resolve("nothing").toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("error: ");
    }
}
