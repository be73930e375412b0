package org.hyla4j.runner.cli;

import org.hyla4j.runner.base.Exits;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.core.train.Evaluator;
import org.hyla4j.api.util.Seeds;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.config.Setting;
import org.hyla4j.core.io.AtomicFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hyla4j data}: look at what the tasks generate. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Inspect generated data.",
        subcommands = {DataCommand.Export.class, DataCommand.Stats.class})
public final class DataCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: export or stats");
    }

    /** Options naming a configured task. */
    static final class TaskSelection {
        @Option(names = "--task", required = true, paramLabel = "ID", description = "Task id.")
        String task;

        @Option(names = "--seed", defaultValue = "0", description = "Root seed (splits and data stream). Default ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--preset", paramLabel = "NAME", description = "Preset whose task options apply first (e.g. paper: the "
                + "paper's held-out split), as train and sweep apply them; flags lie over it. Default: small.")
        String preset;

        @picocli.CommandLine.Mixin
        TaskFlags flags = new TaskFlags();

        TaskInstance configure(Catalog catalog) {
            var t = catalog.tasks().get(task);
            Map<String, String> o = new LinkedHashMap<>(t.preset(preset == null ? Setting.PRESET.fallback(String.class) : preset).taskOptions());
            o.putAll(flags.options);
            org.hyla4j.runner.config.RunSettings.applyTaskFlags(t, o, flags.generic.get(Setting.SEQ_LEN), flags.generic.get(Setting.FRAC_TEST));
            return t.configure(o, seed);
        }
    }

    /** {@code hyla4j data export}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write N examples of a split as JSON lines: the task latent (terms or rules, permutations), inputs, target. "
                    + "The train split uses the same stream as training with this seed.")
    static final class Export extends Subcommand {
        @picocli.CommandLine.Mixin
        TaskSelection selection;

        @Option(names = "--split", defaultValue = "train", description = "Split name. Default ${DEFAULT-VALUE}.")
        String split;

        @Option(names = "--count", defaultValue = "100", description = "Number of examples. Default ${DEFAULT-VALUE}.")
        int count;

        @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "Output file.")
        Path out;

        @Override
        public Integer call() {
            UsageException.check(count > 0, "--count must be positive, got %d", count);
            TaskInstance t = selection.configure(catalog);
            UsageException.check(t.splits().contains(split), "unknown split '%s' of task %s; known: %s", split, selection.task,
                    String.join(", ", t.splits()));
            Path parent = out.toAbsolutePath().getParent();
            UsageException.check(parent != null && Files.isDirectory(parent) && Files.isWritable(parent),
                    "cannot write %s: directory missing or not writable", out);
            long dataSeed = Seeds.derive(selection.seed, Seeds.DATA);
            int batch = 256;
            try {
                AtomicFile.write(out, stream -> {
                    BufferedWriter w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                    int written = 0;
                    for (long step = 0; written < count; step++) {
                        Batch b = t.sample(split, dataSeed, step, batch);
                        for (int i = 0; i < b.size() && written < count; i++, written++) {
                            Map<String, Object> line = new LinkedHashMap<>();
                            line.put("task", selection.task);
                            line.put("split", split);
                            line.put("index", written);
                            line.putAll(t.describe(b, i));
                            w.write(Json.LINE.writeValueAsString(line));
                            w.newLine();
                        }
                    }
                    w.flush();
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            console.out().printf("wrote %d examples of %s/%s to %s%n", count, selection.task, split, out);
            return Exits.OK;
        }
    }

    /** {@code hyla4j data stats}. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Print split sizes, the trivial baselines a model must beat, and task-specific data statistics.")
    static final class Stats extends Subcommand {
        @picocli.CommandLine.Mixin
        TaskSelection selection;

        @Option(names = "--examples", defaultValue = "4096", description = "Examples per split for the baselines. Default ${DEFAULT-VALUE}.")
        int examples;

        @Override
        public Integer call() {
            UsageException.check(examples > 0, "--examples must be positive, got %d", examples);
            TaskInstance t = selection.configure(catalog);
            var out = console.out();
            out.printf("task %s, seed %d, options %s%n", selection.task, selection.seed, new java.util.TreeMap<>(t.options()));
            out.printf("T = %d, token width %d, readout %d × %d%n", t.seqLen(), t.inputDim(), t.readoutPositions(), t.outputDim());
            out.println("task latents per split:");
            t.splitSizes().forEach((k, v) -> out.printf(Locale.ROOT, "  %-20s %d%n", k, v));
            out.printf("baselines on %d examples per evaluation split:%n", examples);
            new Evaluator(t, selection.seed, examples).baselines().forEach((k, v) -> out.printf(Locale.ROOT, "  %-44s %.4f%n", k, v));
            Map<String, Double> extra = t.dataStats(selection.seed, Math.min(examples, 500));
            if (!extra.isEmpty()) {
                out.println("data statistics:");
                extra.forEach((k, v) -> out.printf(Locale.ROOT, "  %-44s %.4f%n", k, v));
            }
            return Exits.OK;
        }
    }
}
