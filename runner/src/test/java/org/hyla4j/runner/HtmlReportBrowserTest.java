package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser (headless Chromium, which .ci/run installs from Debian when missing): a small comparison with
 * latent figures is rendered, and the page must load with no console error and no request leaving the file, show its title
 * and every variant's row, load every image, and paint a screenshot that is not blank (saved in target/). Without a
 * browser the test is skipped and says why; it never passes without one.
 */
class HtmlReportBrowserTest {

    @Test
    void theComparisonPageLoadsCleanlyInChromium(@TempDir Path tmp) throws Exception {
        Optional<Path> browser = Chromium.find();
        Assumptions.assumeTrue(browser.isPresent(),
                "no chromium on PATH: install Debian's 'chromium' package (bash .ci/run does) to run the browser test of report.html");
        Path out = tmp.resolve("compare");
        CliRunner.Result r = CliRunner.run("compare", "--task", "fuzzylogic", "--attention", "softmax_attention,linear_hypatt", "--seeds",
                "0", "--steps", "6", "--batch", "8", "--eval-every", "3", "--eval-examples", "64", "--threads", "2", "--latent", "--out",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Path page = out.resolve("report.html");
        assertThat(page).isNotEmptyFile();
        assertThat(Files.readString(page)).as("no remote resources").doesNotContain("src=\"http", "href=\"http", "<script");

        try (Chromium c = new Chromium(browser.get(), tmp.resolve("profile"))) {
            String target = c.send(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
            String session = c.send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).get("sessionId").asText();
            for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
                c.send(session, domain + ".enable", Map.of());
            }
            c.send(session, "Page.navigate", Map.of("url", page.toUri().toString()));
            c.await("Page.loadEventFired");
            JsonNode state = new ObjectMapper().readTree(c.send(session, "Runtime.evaluate", Map.of("returnByValue", true, "expression",
                    "JSON.stringify({title: document.title, text: document.body.innerText,"
                            + " images: [...document.images].map(i => i.complete && i.naturalWidth > 0)})"))
                    .path("result").path("value").asText());
            String shot = c.send(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true)).get("data").asText();

            List<String> errors = c.events.stream().filter(e -> switch (e.path("method").asText()) {
                case "Runtime.exceptionThrown" -> true;
                case "Runtime.consoleAPICalled" -> e.path("params").path("type").asText().equals("error");
                case "Log.entryAdded" -> e.path("params").path("entry").path("level").asText().equals("error");
                default -> false;
            }).map(JsonNode::toString).toList();
            assertThat(errors).as("console errors").isEmpty();
            List<String> requests = c.events.stream().filter(e -> e.path("method").asText().equals("Network.requestWillBeSent"))
                    .map(e -> e.path("params").path("request").path("url").asText()).toList();
            assertThat(requests).as("requests").isNotEmpty().allMatch(u -> u.startsWith("file:") || u.startsWith("data:"));

            assertThat(state.get("title").asText()).isEqualTo("Sweep compare");
            assertThat(state.get("text").asText()).contains("softmax_attention", "linear_hypatt", "Paired differences", "Provenance",
                    "Latent-code figures");
            assertThat(state.get("images")).as("images").hasSizeGreaterThanOrEqualTo(4);
            state.get("images").forEach(loaded -> assertThat(loaded.asBoolean()).as("every image loaded").isTrue());

            byte[] png = Base64.getDecoder().decode(shot);
            Path saved = Path.of("target", "report-screenshot.png");
            Files.createDirectories(saved.getParent());
            Files.write(saved, png);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 4) {
                for (int x = 0; x < img.getWidth(); x += 4) {
                    colours.add(img.getRGB(x, y));
                }
            }
            assertThat(img.getWidth()).isGreaterThan(500);
            assertThat(colours.size()).as("distinct colours in the screenshot (a blank page has one or two)").isGreaterThan(50);
        }
    }
}
