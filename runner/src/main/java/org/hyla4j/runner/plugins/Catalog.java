package org.hyla4j.runner.plugins;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hyla4j.api.PluginRegistry;
import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.api.task.Task;

/** Every attention variant and task the runner knows, by id. Duplicate ids fail fast, naming both jars. */
@Singleton
public final class Catalog {

    private final PluginRegistry<AttentionLayer> attention;
    private final PluginRegistry<Task> tasks;

    @Inject
    public Catalog(Set<AttentionLayer> attention, Set<Task> tasks) {
        this.attention = PluginRegistry.of("attention variant", sortedBySource(attention));
        this.tasks = PluginRegistry.of("task", sortedBySource(tasks));
    }

    private static <T extends org.hyla4j.api.Plugin> List<T> sortedBySource(Set<T> plugins) {
        List<T> list = new ArrayList<>(plugins);
        list.sort((a, b) -> (a.id() + a.source()).compareTo(b.id() + b.source()));
        return list;
    }

    /** Attention variants. */
    public PluginRegistry<AttentionLayer> attention() {
        return attention;
    }

    /** Tasks. */
    public PluginRegistry<Task> tasks() {
        return tasks;
    }
}
