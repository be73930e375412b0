package org.hyla4j.runner.cli;

import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyla4j.core.train.Checkpoint;
import org.hyla4j.core.train.StopSignal;
import org.hyla4j.runner.base.Exits;
import org.hyla4j.runner.base.Launch;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.run.RunService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hyla4j _run --dir DIR} (hidden): trains the run configured in {@code DIR/config.json}, in a process started by an
 * executor (child JVMs for {@code --jobs}); resumes from the checkpoint in the directory when there is one.
 */
@Command(name = Launch.RUN_ONE, hidden = true, description = "Internal: train the run configured in a run directory (used by --jobs).")
public final class RunOneCommand extends Subcommand {

    @Option(names = "--dir", required = true, description = "The run directory, holding the run's config.json.")
    Path dir;

    @Inject
    RunService runs;

    @Override
    public Integer call() {
        RunConfig c = RunConfig.read(dir.resolve(RunService.CONFIG), catalog);
        runs.train(c, c.attention().get(0), c.seeds().get(0), dir, Files.exists(dir.resolve(Checkpoint.FILE)), new StopSignal(), false);
        return Exits.OK;
    }
}
