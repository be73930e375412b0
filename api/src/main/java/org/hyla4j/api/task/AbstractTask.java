package org.hyla4j.api.task;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The common part of a {@link Task}: its id, description, documented options and presets (data, from a file beside
 * the task class: {@link PresetFile}), with the options resolved (defaults, unknown keys refused) before
 * {@link #configure(TaskOptions, long)} sees them. A task plugin extends this and adds its instance.
 */
public abstract class AbstractTask implements Task {

    private final String id;
    private final String description;
    private final List<TaskOption> options;
    private final Map<String, Preset> presets;

    /**
     * A task whose presets are read from {@link PresetFile#resourceName(String) ID-presets.properties} beside the
     * concrete task class (see {@link PresetFile} for the format). The presets' task options must be among
     * {@code options}.
     *
     * @param id the task id (lower case, unique)
     * @param description one line for {@code hyla4j list}
     * @param options every option the task accepts, with its default and meaning
     */
    protected AbstractTask(String id, String description, List<TaskOption> options) {
        this.id = id;
        this.description = description;
        this.options = List.copyOf(options);
        this.presets = PresetFile.load(getClass(), PresetFile.resourceName(id));
        Set<String> known = this.options.stream().map(TaskOption::key).collect(Collectors.toSet());
        for (Preset p : presets.values()) {
            for (String key : p.taskOptions().keySet()) {
                if (!known.contains(key)) {
                    throw new IllegalStateException("task " + id + ": preset " + p.name() + " sets unknown task option '" + key
                            + "' (known: " + String.join(", ", new TreeSet<>(known)) + ")");
                }
            }
        }
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
