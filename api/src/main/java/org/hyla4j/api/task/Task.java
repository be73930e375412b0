package org.hyla4j.api.task;

import java.util.List;
import java.util.Map;
import org.hyla4j.api.Plugin;

/**
 * SPI of a task, discovered with {@link java.util.ServiceLoader}: a data generator with the paper's
 * compositional splits, its loss, metrics, baselines and latent-code probe. Register an
 * implementation in {@code META-INF/services/org.hyla4j.api.task.Task}.
 *
 * <p>A task is configured from string options (namespaced per task, each with a documented
 * default) into a {@link TaskInstance}, which does the work.
 */
public interface Task extends Plugin {

    /** The options this task understands, with defaults and descriptions. */
    List<TaskOption> options();

    /**
     * Resolves options (unknown keys and bad values fail with a {@link org.hyla4j.api.InvalidSettingException})
     * and builds the task's splits from {@code seed}.
     */
    TaskInstance configure(Map<String, String> options, long seed);

    /** Model and training defaults: {@code small} (minutes on 2 cores) or {@code paper} (docs/model.md §2.5, §5). */
    Preset preset(String name);
}
