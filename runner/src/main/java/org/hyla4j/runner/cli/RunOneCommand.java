package org.hyla4j.runner.cli;

import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.hyla4j.api.UsageException;
import org.hyla4j.api.train.Checkpoint;
import org.hyla4j.api.train.StopSignal;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.run.RunConfig;
import org.hyla4j.runner.run.RunService;

/**
 * {@code hyla4j _run} (hidden): one run of a comparison, in a child process started by {@code compare --jobs}
 * or {@code reproduce --jobs}; resumes from the checkpoint in the run directory when there is one.
 */
@Command(name = "_run", hidden = true, description = "Internal: train one run of a comparison (used by --jobs).")
public final class RunOneCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "The comparison's config.json.")
    Path config;

    @Option(names = "--attention", required = true)
    String attention;

    @Option(names = "--seed", required = true)
    long seed;

    @Option(names = "--dir", required = true)
    Path dir;

    private final Catalog catalog;
    private final RunService runs;

    @Inject
    RunOneCommand(Catalog catalog, RunService runs) {
        this.catalog = catalog;
        this.runs = runs;
    }

    @Override
    public Integer call() {
        UsageException.check(Files.isRegularFile(config), "no such config file: %s", config);
        RunConfig c = RunConfig.resolve(RunConfig.read(config).settings(), catalog);
        UsageException.check(c.attention().contains(attention) && c.seeds().contains(seed), "%s seed %d is not part of %s", attention, seed,
                config);
        runs.train(c, attention, seed, dir, Files.exists(dir.resolve(Checkpoint.FILE)), new StopSignal(), false);
        return Exits.OK;
    }
}
