package org.hyla4j.runner;

import java.util.List;
import java.util.Set;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.plugins.PluginLoader;

/** The built-in plugins on the test class path, as the runner sees them. */
public final class TestCatalog {

    private TestCatalog() {
    }

    /** A catalog of every plugin on the class path. */
    public static Catalog builtIn() {
        PluginLoader.Discovered d = PluginLoader.discover(TestCatalog.class.getClassLoader(), List.of());
        return new Catalog(Set.copyOf(d.attention()), Set.copyOf(d.tasks()));
    }
}
