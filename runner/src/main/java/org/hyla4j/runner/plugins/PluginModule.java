package org.hyla4j.runner.plugins;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.api.task.Task;

/** Binds the discovered plugin sets (discovery happens in {@code Main}, never in a module). */
public final class PluginModule extends AbstractModule {

    private final PluginLoader.Discovered discovered;
    private final PluginDirectories directories;

    public PluginModule(PluginLoader.Discovered discovered, PluginDirectories directories) {
        this.discovered = discovered;
        this.directories = directories;
    }

    @Override
    protected void configure() {
        Multibinder<AttentionLayer> attention = Multibinder.newSetBinder(binder(), AttentionLayer.class);
        discovered.attention().forEach(a -> attention.addBinding().toInstance(a));
        Multibinder<Task> tasks = Multibinder.newSetBinder(binder(), Task.class);
        discovered.tasks().forEach(t -> tasks.addBinding().toInstance(t));
        bind(PluginLoader.Discovered.class).toInstance(discovered);
        bind(PluginDirectories.class).toInstance(directories);
    }
}
