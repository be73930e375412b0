package org.hyla4j.runner.cli;

import org.hyla4j.runner.base.Console;
import org.hyla4j.runner.base.Exits;
import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import java.io.UncheckedIOException;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.core.train.TrainingInterruptedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code hyla4j} command. */
@Command(name = "hyla4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Attention as a Hypernetwork (Schug et al., arXiv 2406.05816) on DJL: train and compare softmax, "
                + "linear and HYLA attention on compositional tasks.",
        subcommands = {ListCommand.class, DataCommand.class, TrainCommand.class, CompareCommand.class, LatentCommand.class, ReproduceCommand.class, SweepCommand.class, ReportCommand.class, BenchCommand.class, RunOneCommand.class},
        synopsisSubcommandLabel = "COMMAND")
public final class HylaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--plugins", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Extra directory of plugin jars (repeatable); also $HYLA4J_PLUGINS and plugins/ beside the launcher.")
    java.util.List<java.nio.file.Path> plugins;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; try 'hyla4j --help'");
    }

    /** The command line with Guice-created commands and one-line error handling. */
    public static CommandLine commandLine(Injector injector, Console console) {
        CommandLine cli = new CommandLine(HylaCommand.class, new GuiceFactory(injector));
        GeneratedOptions.addAll(cli);
        cli.setOut(console.out());
        cli.setErr(console.err());
        cli.setParameterExceptionHandler((ex, args) -> {
            console.err().println("error: " + ex.getMessage() + " (see 'hyla4j --help')");
            return Exits.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            for (Throwable t = ex; t != null; t = t.getCause()) { // also when Guice wraps it while creating a command
                if (t instanceof org.hyla4j.api.InvalidSettingException) {
                    console.err().println("error: " + t.getMessage());
                    return t instanceof org.hyla4j.runner.run.RunClaim.Held ? Exits.BUSY : Exits.USAGE;
                }
            }
            if (ex instanceof TrainingInterruptedException) {
                // the core says what happened; how to continue is the command line's word
                String how = ex.getClass() == TrainingInterruptedException.class ? ", continue with --resume" : "";
                console.err().println("stopped: " + ex.getMessage() + how);
                return Exits.INTERRUPTED;
            }
            if (System.getenv("HYLA4J_DEBUG") != null) {
                ex.printStackTrace(console.err());
            }
            String msg = ex instanceof UncheckedIOException u && u.getCause() != null ? u.getCause().getMessage() : ex.getMessage();
            console.err().println("error: " + (msg == null ? ex.getClass().getSimpleName() : msg));
            return Exits.FAILURE;
        });
        return cli;
    }

    /** Creates commands through the injector. */
    private record GuiceFactory(Injector injector) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return injector.getInstance(cls);
            } catch (ConfigurationException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
