package org.hyla4j.runner.cli;

import org.hyla4j.runner.base.Exits;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.core.latent.LatentAnalysis;
import org.hyla4j.runner.base.IoProblem;
import org.hyla4j.runner.latent.LatentSection;
import org.hyla4j.runner.latent.LatentService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hyla4j latent}: extract, decode and draw the latent code of trained runs. */
@Command(name = "latent", mixinStandardHelpOptions = true,
        description = "Load a trained run (its latest checkpoint), collect the latent code at the task's probe positions and write "
                + "per-layer decoding (macro-F1 beside chance and shuffled labels), PCA and t-SNE plots, the cosine similarity of "
                + "the mean code per label (PNG + CSV) and latent.json into <run>/latent. Given a compare directory, analyses every run.")
public final class LatentCommand extends Subcommand {

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A run directory, or a compare directory.")
    Path run;

    @Option(names = "--checkpoint", paramLabel = "STEP",
            description = "Analyse the checkpoint kept at this step (runs keep one per evaluation) instead of the latest.")
    Long checkpoint;

    @Option(names = "--examples", defaultValue = "1000", description = "Examples per split. Default ${DEFAULT-VALUE}.")
    int examples;

    @Option(names = "--tsne-points", defaultValue = "500", description = "Points in the t-SNE plot. Default ${DEFAULT-VALUE}.")
    int tsnePoints;

    @Inject
    LatentService service;

    /** Run directories under a compare directory, or the directory itself. */
    public static List<Path> runs(Path dir) {
        UsageException.check(Files.isDirectory(dir), "%s is not a directory", dir);
        if (Files.isRegularFile(dir.resolve("checkpoint.bin"))) {
            return List.of(dir);
        }
        Path runs = dir.resolve("runs");
        UsageException.check(Files.isDirectory(runs), "%s holds neither a checkpoint nor a runs/ directory", dir);
        try (Stream<Path> s = Files.walk(runs, 2)) {
            List<Path> found = new ArrayList<>(s.filter(p -> Files.isRegularFile(p.resolve("checkpoint.bin"))).sorted().toList());
            UsageException.check(!found.isEmpty(), "no trained runs under %s", runs);
            return found;
        } catch (IOException e) {
            throw new UsageException("cannot read " + runs + ": " + IoProblem.describe(e));
        }
    }

    @Override
    public Integer call() {
        UsageException.check(examples >= 10, "--examples must be at least 10");
        UsageException.check(tsnePoints >= 10, "--tsne-points must be at least 10");
        List<LatentService.Result> results = new ArrayList<>();
        for (Path dir : runs(run)) {
            console.err().println("latent code of " + dir);
            LatentService.Result r = service.analyse(dir, checkpoint, examples, tsnePoints);
            results.add(r);
            console.out().printf("%s seed %d -> %s%n", r.attention(), r.seed(), r.directory());
            for (LatentAnalysis.Decoding d : r.decodings()) {
                console.out().printf(Locale.ROOT, "  %-12s %-8s macro-F1 %.3f  chance %.3f  shuffled %.3f%n",
                        d.layer() < 0 ? "all layers" : "layer " + d.layer(), d.label(), d.f1(), d.chance(), d.shuffled());
            }
        }
        if (results.size() > 1) {
            console.out().println(LatentSection.markdown(results));
        }
        return Exits.OK;
    }
}
