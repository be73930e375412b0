package org.hyla4j.runner.plugins;

import java.nio.file.Path;
import java.util.List;

/**
 * The plugin directories given with {@code --plugins} on this command line (not those from
 * {@code $HYLA4J_PLUGINS} or {@code hyla4j.home}, which child processes inherit by themselves).
 *
 * @param explicit directories in command-line order
 */
public record PluginDirectories(List<Path> explicit) {

    public PluginDirectories {
        explicit = List.copyOf(explicit);
    }
}
