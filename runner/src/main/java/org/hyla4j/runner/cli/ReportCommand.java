package org.hyla4j.runner.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.base.Exits;
import org.hyla4j.runner.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hyla4j report DIR}: report.html of a comparison or sweep again, and an index when DIR holds several. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write report.html (one self-contained page: the report's tables and intervals, the figures, each run's latent "
                + "figures and provenance) for DIR, a compare/reproduce/sweep directory, from its report.md and run directories; "
                + "for a directory holding several such directories (up to 3 levels down), write each one's page and an index.html. "
                + "compare, reproduce and sweep write report.html themselves; use --report-only there to remake report.md first.")
public final class ReportCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "A report directory, or a directory of them.")
    Path dir;

    @Override
    public Integer call() {
        UsageException.check(Files.isDirectory(dir), "%s is not a directory", dir);
        List<Path> reports = new ArrayList<>();
        try (Stream<Path> s = Files.find(dir, 4, (p, a) -> a.isRegularFile() && p.getFileName().toString().equals("report.md"))) {
            for (Path md : s.sorted().toList()) {
                Path rel = dir.relativize(md.getParent());
                boolean insideARun = java.util.stream.StreamSupport.stream(rel.spliterator(), false).anyMatch(p -> p.toString().equals("runs"));
                if (!insideARun) { // a run directory below a report is part of that report
                    reports.add(md.getParent());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        UsageException.check(!reports.isEmpty(), "no report.md in %s or below it: run compare, reproduce or sweep first", dir);
        List<HtmlReport.Page> pages = new ArrayList<>();
        for (Path r : reports) {
            pages.add(HtmlReport.write(r));
            console.out().println("wrote " + r.resolve(HtmlReport.FILE));
        }
        if (!(reports.size() == 1 && reports.get(0).equals(dir))) {
            console.out().println("wrote " + HtmlReport.index(dir, pages));
        }
        return Exits.OK;
    }
}
