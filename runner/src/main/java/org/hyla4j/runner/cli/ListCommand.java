package org.hyla4j.runner.cli;

import org.hyla4j.runner.base.Exits;
import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.api.task.Task;
import org.hyla4j.api.task.TaskOption;
import picocli.CommandLine.Command;

/** {@code hyla4j list}: every attention variant and task, with version and the jar it came from. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List every attention variant and task with id, version and source jar.")
public final class ListCommand extends Subcommand {

    @Override
    public Integer call() {
        var out = console.out();
        out.println("Attention variants:");
        for (AttentionLayer a : catalog.attention().all()) {
            out.printf("  %-38s %-16s %s%n      %s%n", a.id(), a.version(), a.description(), a.source());
        }
        out.println("Tasks:");
        for (Task t : catalog.tasks().all()) {
            out.printf("  %-38s %-16s %s%n      %s%n", t.id(), t.version(), t.description(), t.source());
            for (TaskOption o : t.options()) {
                out.printf("      --task-opt %s=%s  %s%n", o.key(), o.defaultValue(), o.description());
            }
        }
        return Exits.OK;
    }
}
