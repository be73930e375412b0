package org.hyla4j.runner.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hyla4j.runner.config.RunConfig;
import picocli.CommandLine.Option;

/** The task flags shared by every command that configures a task ({@code train}, {@code compare}, {@code bench}, {@code data}). */
public final class TaskFlags {

    @Option(names = "--seq-len", description = "Sequence length T (task option seq_len; fuzzy logic: 16/32/64/96).")
    Integer seqLen;

    @Option(names = "--frac-test", description = "Held-out fraction: fuzzy logic's frac_test, SRAVEN's frac_ood.")
    Double fracTest;

    @Option(names = "--task-opt", paramLabel = "KEY=VALUE", description = "A task option (see 'hyla4j list'); repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    /** Sets the flags given on {@code b}. */
    RunConfig.Builder applyTo(RunConfig.Builder b) {
        options.forEach(b::taskOption);
        return b.seqLen(seqLen).fracTest(fracTest);
    }
}
