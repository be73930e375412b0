package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hyla4j report DIR} and the page it writes, without a browser (HtmlReportBrowserTest renders one). */
class ReportCommandTest {

    private static Path report(Path dir, String title) throws Exception {
        Files.createDirectories(dir.resolve("runs/linear_hypatt/seed-0/latent"));
        Files.writeString(dir.resolve("report.md"), "# " + title + "\n\n| variant | ood/acc |\n|---|---:|\n| linear_hypatt | 0.5 |\n\n"
                + "![curves](curves.png)\n\n![gone](missing.png)\n");
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(img, "png", dir.resolve("curves.png").toFile());
        ImageIO.write(img, "png", dir.resolve("runs/linear_hypatt/seed-0/latent/decoding_f1.png").toFile());
        Files.writeString(dir.resolve("runs/linear_hypatt/seed-0/provenance.json"),
                "{\"git_commit\": \"0123456789abcdef\", \"djl_version\": \"0.35.1\", \"device\": \"cpu()\"}");
        return dir;
    }

    @Test
    void aReportPageEmbedsItsFiguresAndProvenanceAndEscapesText(@TempDir Path tmp) throws Exception {
        Path dir = report(tmp.resolve("one"), "mqar <small> & co");
        CliRunner.Result r = CliRunner.run("report", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<title>mqar &lt;small&gt; &amp; co</title>", "<td>linear_hypatt</td>", "<td align=\"right\">0.5</td>",
                "src=\"data:image/png;base64,", "src=\"missing.png\"", "runs/linear_hypatt/seed-0", "decoding_f1.png", "<code>0123456789ab</code>")
                .doesNotContain("src=\"curves.png\"", "src=\"http", "<script");
        assertThat(dir.resolve("index.html")).as("one report needs no index").doesNotExist();
    }

    @Test
    void aDirectoryOfReportsGetsAnIndexAndNoReportIsOneError(@TempDir Path tmp) throws Exception {
        report(tmp.resolve("a"), "first");
        report(tmp.resolve("b/deeper"), "second");
        CliRunner.Result r = CliRunner.run("report", tmp.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(tmp.resolve("a/report.html")).exists();
        assertThat(tmp.resolve("b/deeper/report.html")).exists();
        assertThat(Files.readString(tmp.resolve("index.html"))).contains("href=\"a/report.html\"", "href=\"b/deeper/report.html\"", "first",
                "second").doesNotContain("superseded");
        // a page whose regime line says superseded is marked in the index; the others are not
        Path old = tmp.resolve("a/report.md");
        Files.writeString(old, Files.readString(old).replace("\n\n| variant", "\n\n**Regime**: split `hyla4j`, decay mask `matrices` (the runs' "
                + "`training_regime`): **superseded**: today's default for these settings is split `jax`, decay mask `paper`.\n\n| variant"));
        assertThat(CliRunner.run("report", tmp.toString()).exit()).isZero();
        assertThat(Files.readString(tmp.resolve("index.html"))).contains("<a href=\"a/report.html\">first</a> <code>a/report.html</code> <strong>superseded regime</strong>")
                .containsOnlyOnce("superseded");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRunner.Result none = CliRunner.run("report", empty.toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err().strip().lines()).hasSize(1);
        assertThat(none.err()).startsWith("error: ").contains("no report.md");
    }
}
