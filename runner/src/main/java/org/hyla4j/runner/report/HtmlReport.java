package org.hyla4j.runner.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.hyla4j.core.io.AtomicFile;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.base.Versions;

/**
 * {@code report.html}: one self-contained page per comparison or sweep, made from its {@code report.md} (rendered by
 * CommonMark, so the page holds exactly what the Markdown holds: tables, paired intervals, the paper's numbers), its
 * figures embedded as data URIs (curves, final metrics, and each run's latent-code figures when present) and each run's
 * provenance, in a Mustache template ({@code resources/report/}). The page makes no external request: no scripts, fonts or
 * remote images. {@link #index} lists several reports of one directory.
 */
public final class HtmlReport {

    /** The page's file name in a report directory. */
    public static final String FILE = "report.html";
    /** The index of a directory holding several reports. */
    public static final String INDEX = "index.html";

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Template PAGE = template("report.html.mustache");
    private static final Template INDEX_PAGE = template("index.html.mustache");
    private static final String CSS = resource("style.css");

    private HtmlReport() {
    }

    /** A written page: its file, its title, and its regime line ({@link Regime#in}), or null when its report has none. */
    public record Page(Path file, String title, String regime) {
    }

    /** Writes {@code dir/report.html} from {@code dir/report.md} and the run directories below {@code dir}. */
    public static Page write(Path dir) {
        Path md = dir.resolve("report.md");
        try {
            String markdown = Files.readString(md, StandardCharsets.UTF_8);
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("version", Versions.hyla4j());
            page.put("directory", String.valueOf(dir.toAbsolutePath().normalize().getFileName()));
            String title = title(markdown, dir);
            page.put("title", title);
            page.put("css", CSS);
            page.put("body", body(markdown, dir));
            List<Path> runs = runs(dir);
            List<Map<String, Object>> latent = latentFigures(dir, runs);
            page.put("latent", latent);
            page.put("hasLatent", !latent.isEmpty());
            List<Map<String, String>> provenance = provenance(dir, runs);
            page.put("provenance", provenance);
            page.put("hasProvenance", !provenance.isEmpty());
            Path out = dir.resolve(FILE);
            AtomicFile.writeString(out, PAGE.execute(page));
            return new Page(out, title, Regime.in(markdown));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code dir/index.html} linking the given pages (files below {@code dir}); returns its path. */
    public static Path index(Path dir, List<Page> pages) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Page p : pages) {
            Path rel = dir.relativize(p.file());
            // a page trained under a superseded regime is marked, so it is not read beside today's as one of them
            rows.add(Map.of("href", rel.toString().replace('\\', '/'), "title", p.title(), "path", rel.toString(),
                    "superseded", Regime.superseded(p.regime())));
        }
        Map<String, Object> page = Map.of("version", Versions.hyla4j(), "directory", String.valueOf(dir.toAbsolutePath().normalize().getFileName()),
                "title", "hyla4j reports in " + dir.toAbsolutePath().normalize().getFileName(), "css", CSS, "reports", rows);
        Path out = dir.resolve(INDEX);
        try {
            AtomicFile.writeString(out, INDEX_PAGE.execute(page));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The first level-1 heading of the Markdown, else the directory's name. */
    static String title(String markdown, Path dir) {
        return markdown.lines().filter(l -> l.startsWith("# ")).map(l -> l.substring(2).strip()).findFirst()
                .orElse("hyla4j report " + dir.toAbsolutePath().normalize().getFileName());
    }

    /** report.md as HTML, each image that names a file of the directory embedded as a data URI. */
    static String body(String markdown, Path dir) {
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).attributeProviderFactory(context -> (node, tag, attributes) -> {
            if (node instanceof Image image && attributes.containsKey("src")) {
                String uri = dataUri(dir.resolve(image.getDestination()));
                if (uri != null) {
                    attributes.put("src", uri);
                }
            }
        }).build();
        return renderer.render(Parser.builder().extensions(EXTENSIONS).build().parse(markdown));
    }

    /** A PNG as a {@code data:} URI, or null when it is not a readable file. */
    private static String dataUri(Path png) {
        try {
            if (!Files.isRegularFile(png)) {
                return null;
            }
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(png));
        } catch (IOException e) {
            return null;
        }
    }

    /** The run directories below a report directory: those holding a provenance.json, in path order. */
    private static List<Path> runs(Path dir) throws IOException {
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.find(runs, 3, (p, a) -> a.isRegularFile() && p.getFileName().toString().equals("provenance.json"))) {
            return s.map(Path::getParent).sorted().toList();
        }
    }

    private static List<Map<String, Object>> latentFigures(Path dir, List<Path> runs) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Path run : runs) {
            Path latent = run.resolve("latent");
            if (!Files.isDirectory(latent)) {
                continue;
            }
            List<Map<String, String>> figures = new ArrayList<>();
            try (Stream<Path> s = Files.list(latent)) {
                for (Path png : s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList()) {
                    String src = dataUri(png);
                    if (src != null) { // unreadable: left out rather than failing the whole report
                        figures.add(Map.of("name", png.getFileName().toString(), "src", src));
                    }
                }
            }
            if (!figures.isEmpty()) {
                out.add(Map.of("run", dir.relativize(run).toString(), "figures", figures));
            }
        }
        return out;
    }

    private static List<Map<String, String>> provenance(Path dir, List<Path> runs) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Path run : runs) {
            JsonNode p = Json.read(run.resolve("provenance.json"));
            Map<String, String> row = new LinkedHashMap<>();
            row.put("run", dir.relativize(run).toString());
            String commit = p.path("git_commit").asText("");
            row.put("commit", commit.length() > 12 ? commit.substring(0, 12) : commit);
            row.put("hyla4j", p.path("hyla4j_version").asText(""));
            row.put("djl", p.path("djl_version").asText(""));
            row.put("pytorch", p.path("pytorch_version").asText(""));
            row.put("device", p.path("device").asText(""));
            row.put("java", p.path("java").asText(""));
            row.put("os", p.path("os").asText(""));
            out.add(row);
        }
        return out;
    }

    private static Template template(String name) {
        return Mustache.compiler().escapeHTML(true).defaultValue("").compile(resource(name));
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream("/report/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /report/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
