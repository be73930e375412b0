package org.hyla4j.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Plugins of one kind, discovered with {@link ServiceLoader}, by id. Fails fast on duplicate ids
 * (naming both sources) and, for an unknown id, names every id it knows.
 *
 * @param <T> the service type
 */
public final class PluginRegistry<T extends Plugin> {

    private final String kind;
    private final Map<String, T> byId;

    private PluginRegistry(String kind, Map<String, T> byId) {
        this.kind = kind;
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** Discovers every {@code type} provider visible to the class loader. */
    public static <T extends Plugin> PluginRegistry<T> load(Class<T> type, String kind, ClassLoader loader) {
        return of(kind, discover(type, loader, error -> {
            throw new InvalidSettingException("cannot load a " + kind + " plugin: " + error.getMessage(), error);
        }));
    }

    /**
     * Loads the providers of {@code type} from one class loader; a provider that fails to load is
     * handed to {@code onError} and skipped.
     */
    public static <T> List<T> discover(Class<T> type, ClassLoader loader, Consumer<Throwable> onError) {
        List<T> found = new ArrayList<>();
        var it = ServiceLoader.load(type, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                onError.accept(e);
            }
        }
        return found;
    }

    /** A registry over the given plugins; a duplicate id is an error naming both sources. */
    public static <T extends Plugin> PluginRegistry<T> of(String kind, List<T> plugins) {
        Map<String, T> byId = new TreeMap<>();
        for (T p : plugins) {
            T previous = byId.putIfAbsent(p.id(), p);
            if (previous != null && previous.getClass() != p.getClass()) {
                throw new InvalidSettingException(String.format("duplicate %s id '%s': provided by %s and by %s",
                        kind, p.id(), previous.source(), p.source()));
            }
        }
        return new PluginRegistry<>(kind, byId);
    }

    /** The plugin with this id, or a {@link InvalidSettingException} naming the known ids. */
    public T get(String id) {
        T p = byId.get(id);
        if (p == null) {
            throw new InvalidSettingException(String.format("unknown %s '%s'; known: %s", kind, id, String.join(", ", byId.keySet())));
        }
        return p;
    }

    /** All plugins, sorted by id. */
    public List<T> all() {
        return List.copyOf(byId.values());
    }

    /** The sorted ids. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** What kind of plugin this registry holds, e.g. "attention variant". */
    public String kind() {
        return kind;
    }
}
