package org.hyla4j.api.task;

import java.util.List;
import java.util.Map;

/**
 * The common part of a {@link Task}: its id, description and documented options, with the options resolved (defaults,
 * unknown keys refused) before {@link #configure(TaskOptions, long)} sees them. A task plugin extends this and adds its
 * presets and its instance.
 */
public abstract class AbstractTask implements Task {

    private final String id;
    private final String description;
    private final List<TaskOption> options;

    /**
     * @param id the task id (lower case, unique)
     * @param description one line for {@code hyla4j list}
     * @param options every option the task accepts, with its default and meaning
     */
    protected AbstractTask(String id, String description, List<TaskOption> options) {
        this.id = id;
        this.description = description;
        this.options = List.copyOf(options);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<TaskOption> options() {
        return options;
    }

    @Override
    public final TaskInstance configure(Map<String, String> given, long seed) {
        return configure(TaskOptions.resolve(id, options, given), seed);
    }

    /** The task configured by resolved options for a root seed. */
    protected abstract TaskInstance configure(TaskOptions resolved, long seed);
}
