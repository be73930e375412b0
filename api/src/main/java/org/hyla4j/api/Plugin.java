package org.hyla4j.api;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * What every hyla4j plugin (an {@link org.hyla4j.api.attention.AttentionLayer} or a
 * {@link org.hyla4j.api.task.Task}) tells about itself: a stable id, a one-line description, its
 * version (from the jar manifest) and the jar it came from.
 */
public interface Plugin {

    /** A stable, unique id such as {@code linear_hypatt}; lower case, digits and underscores. */
    String id();

    /** One line saying what the plugin does, for {@code hyla4j list}. */
    String description();

    /** The plugin's version, read from {@code Implementation-Version} of its jar's manifest. */
    default String version() {
        String v = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Where the plugin's class was loaded from: a jar or a classes directory. */
    default String source() {
        CodeSource cs = getClass().getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return "unknown";
        }
        try {
            return Path.of(cs.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return cs.getLocation().toString();
        }
    }
}
