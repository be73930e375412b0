package org.hyla4j.runner.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import org.hyla4j.core.train.StopSignal;
import org.hyla4j.runner.base.Exits;
import org.hyla4j.runner.base.Launch;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.run.RunService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hyla4j _run --dir DIR} (hidden): trains the run configured in {@code DIR/config.json}, in a process started by an
 * executor (child JVMs for {@code --jobs}, a Spark task); resumes from the checkpoint in the directory when there is one.
 * When the process that started it dies (a killed executor, a lost node), it stops at the next step with a checkpoint, so
 * an orphan never goes on training a run that a retry is about to resume.
 */
@Command(name = Launch.RUN_ONE, hidden = true, description = "Internal: train the run configured in a run directory (used by --jobs and sweep).")
public final class RunOneCommand extends Subcommand {

    @Option(names = "--dir", required = true, description = "The run directory, holding the run's config.json.")
    Path dir;

    @Option(names = "--wait-claim", defaultValue = "0", description = "Seconds to wait for another process that holds the run directory.")
    long waitClaim;

    @Inject
    RunService runs;

    @Override
    public Integer call() {
        RunConfig c = RunConfig.read(dir.resolve(RunService.CONFIG), catalog);
        StopSignal stop = new StopSignal();
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            console.err().println("[" + dir.getFileName() + "] the process that started this run has ended: stopping with a checkpoint");
            stop.request();
        }));
        runs.trainOrResume(c, c.attention().get(0), c.seeds().get(0), dir, stop, false, Duration.ofSeconds(waitClaim));
        return Exits.OK;
    }
}
