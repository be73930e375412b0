package org.hyla4j.runner.plugins;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hyla4j.api.Plugin;
import org.hyla4j.api.PluginRegistry;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.api.task.Task;
import org.hyla4j.runner.base.IoProblem;

/**
 * Finds plugins: the built-in ones on the runner's class path, then every jar of the plugin
 * directories, each jar in a class loader of its own whose parent is the runner's, so one broken
 * jar cannot hide the others. A jar that fails to load is reported in one line naming it.
 */
public final class PluginLoader {

    private PluginLoader() {
    }

    /** What was found, and one line per jar that failed, starting with {@code warning:} or {@code error:}. */
    public record Discovered(List<AttentionLayer> attention, List<Task> tasks, List<String> problems) {
    }

    /** Loads built-ins and the jars of {@code directories} (missing directories are skipped). */
    public static Discovered discover(ClassLoader base, List<Path> directories) {
        List<AttentionLayer> attention = new ArrayList<>();
        List<Task> tasks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        attention.addAll(PluginRegistry.discover(AttentionLayer.class, base, e -> problems.add("warning: built-in plugin: " + e.getMessage())));
        tasks.addAll(PluginRegistry.discover(Task.class, base, e -> problems.add("warning: built-in plugin: " + e.getMessage())));
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (Path jar : jars(dir)) {
                try (java.util.jar.JarFile check = new java.util.jar.JarFile(jar.toFile())) {
                    check.size();
                } catch (IOException e) {
                    problems.add("warning: plugin jar " + jar + " skipped: not a readable jar (" + e.getMessage() + ")");
                    continue;
                }
                URLClassLoader loader;
                try {
                    loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, base);
                } catch (MalformedURLException e) {
                    problems.add("warning: plugin jar " + jar + " skipped: " + e.getMessage());
                    continue;
                }
                int provided = 0;
                List<String> local = new ArrayList<>();
                for (AttentionLayer a : PluginRegistry.discover(AttentionLayer.class, loader, e -> local.add(describe(e)))) {
                    provided += addUnlessDuplicate(a, jar, attention, "attention variant", problems) ? 1 : 0;
                }
                for (Task t : PluginRegistry.discover(Task.class, loader, e -> local.add(describe(e)))) {
                    provided += addUnlessDuplicate(t, jar, tasks, "task", problems) ? 1 : 0;
                }
                for (String p : local) {
                    problems.add("warning: plugin jar " + jar + " skipped a provider: " + p);
                }
                if (provided == 0 && local.isEmpty()) {
                    problems.add("warning: plugin jar " + jar + " provides no hyla4j plugin (no META-INF/services entry)");
                }
            }
        }
        return new Discovered(attention, tasks, problems);
    }

    /**
     * Adds a plugin of this jar unless its id is taken: a duplicate is reported naming both jars, and
     * skipped. Returns whether the plugin came from this jar at all.
     */
    private static <T extends Plugin> boolean addUnlessDuplicate(T plugin, Path jar, List<T> known, String kind, List<String> problems) {
        if (!fromJar(plugin, jar)) {
            return false; // a built-in seen again through the parent class loader
        }
        for (T k : known) {
            if (k.id().equals(plugin.id())) {
                problems.add(String.format("error: plugin jar %s skipped: duplicate %s id '%s', already provided by %s", jar, kind, plugin.id(),
                        k.source()));
                return true;
            }
        }
        known.add(plugin);
        return true;
    }

    private static boolean fromJar(Object plugin, Path jar) {
        var cs = plugin.getClass().getProtectionDomain().getCodeSource();
        try {
            return cs != null && Path.of(cs.getLocation().toURI()).equals(jar.toAbsolutePath());
        } catch (Exception e) {
            return false;
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e ? msg : msg + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static List<Path> jars(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar")).map(Path::toAbsolutePath).sorted().toList();
        } catch (IOException e) {
            throw new UsageException("cannot read plugin directory " + dir + ": " + IoProblem.describe(e));
        }
    }
}
