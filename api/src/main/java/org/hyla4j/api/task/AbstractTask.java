package org.hyla4j.api.task;

import java.util.List;
import java.util.Map;

/**
 * The common part of a {@link Task}: its id, description, documented options and presets, with the options resolved
 * (defaults, unknown keys refused) before {@link #configure(TaskOptions, long)} sees them. A task plugin extends this and
 * adds its instance.
 */
public abstract class AbstractTask implements Task {

    private final String id;
    private final String description;
    private final List<TaskOption> options;
    private final Map<String, Preset> presets;

    /**
     * @param id the task id (lower case, unique)
     * @param description one line for {@code hyla4j list}
     * @param options every option the task accepts, with its default and meaning
     * @param small the {@link Preset#SMALL} preset: the task at a budget of minutes
     * @param paper the {@link Preset#PAPER} preset: the paper's settings
     */
    protected AbstractTask(String id, String description, List<TaskOption> options, Preset small, Preset paper) {
        this.id = id;
        this.description = description;
        this.options = List.copyOf(options);
        if (!small.name().equals(Preset.SMALL) || !paper.name().equals(Preset.PAPER)) {
            throw new IllegalArgumentException("task " + id + ": presets must be named small and paper, got " + small.name() + ", "
                    + paper.name());
        }
        this.presets = Map.of(Preset.SMALL, small, Preset.PAPER, paper);
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
    public Preset preset(String name) {
        Preset.checkName(name);
        return presets.get(name);
    }

    @Override
    public final TaskInstance configure(Map<String, String> given, long seed) {
        return configure(TaskOptions.resolve(id, options, given), seed);
    }

    /** The task configured by resolved options for a root seed. */
    protected abstract TaskInstance configure(TaskOptions resolved, long seed);
}
