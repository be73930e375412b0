package org.hyla4j.runner.cli;

import org.hyla4j.runner.base.Exits;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import org.hyla4j.runner.run.RunResult;
import org.hyla4j.runner.run.RunClaim;
import org.hyla4j.runner.run.RunService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hyla4j train}: one variant, one seed. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train one attention variant on a task; writes config.json, provenance.json, metrics.jsonl, "
                + "checkpoint.bin and result.json to the output directory.")
public final class TrainCommand extends Subcommand {

    @Mixin
    RunOptions options;

    @Option(names = "--attention", paramLabel = "ID", description = "Attention variant id (default linear_hypatt).")
    String attention;

    @Option(names = "--seed", description = "Root seed (default 0).")
    Long seed;

    @Mixin
    OutFlag out = OutFlag.of("runs/train-TASK-VARIANT-seedS");

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the interrupted run in DIR with its saved config.")
    Path resume;

    @Inject
    RunService runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RunConfig config;
        Path dir;
        if (resume != null) {
            // a resumed run continues under its saved configuration: a flag it would not apply is refused, not ignored
            // (a longer --steps would change the schedule already followed: another experiment, in another directory)
            List<String> given = spec.commandLine().getParseResult().matchedOptions().stream().map(OptionSpec::longestName)
                    .filter(n -> !n.equals("--resume")).distinct().toList();
            UsageException.check(given.isEmpty(), "--resume continues %s under its saved config.json and takes no other settings "
                    + "(given: %s); to train another schedule or regime, start a new run in another --out directory", resume,
                    String.join(", ", given));
            UsageException.check(java.nio.file.Files.isRegularFile(resume.resolve("config.json")), "%s is not a run directory: no config.json", resume);
            config = RunConfig.read(resume.resolve("config.json"), catalog);
            dir = resume;
        } else {
            RunSettings b = options.builder();
            if (attention != null) {
                b.attention(List.of(attention));
            }
            if (seed != null) {
                b.seeds(List.of(seed));
            }
            config = b.build(catalog); // a single run: the first variant and seed (defaults: linear_hypatt, seed 0)
            RunConfig c = config;
            dir = out.or(() -> Path.of("runs", "train-" + c.task() + "-" + c.attention().get(0) + "-seed" + c.seeds().get(0)));
        }
        RunService.prepare(dir);
        RunClaim.refuseIfHeld(dir);
        if (resume != null && java.nio.file.Files.exists(dir.resolve(RunResult.FILE))) {
            console.err().println("run " + dir + " has already finished (" + config.steps() + " steps): nothing to train; its result follows");
        }
        console.err().println("config: " + Json.LINE.valueToTree(config));
        RunResult r = runs.train(config, config.attention().get(0), config.seeds().get(0), dir, resume != null);
        console.out().println("run directory: " + dir);
        r.metrics().forEach((k, v) -> console.out().printf(java.util.Locale.ROOT, "  %-28s %.4f%n", k, v));
        return Exits.OK;
    }
}
