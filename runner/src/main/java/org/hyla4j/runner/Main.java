package org.hyla4j.runner;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyla4j.runner.base.Console;
import org.hyla4j.runner.base.ConsoleModule;
import org.hyla4j.runner.cli.HylaCommand;
import org.hyla4j.runner.base.Exits;
import org.hyla4j.runner.plugins.PluginDirectories;
import org.hyla4j.runner.plugins.PluginLoader;
import org.hyla4j.runner.plugins.PluginModule;
import picocli.CommandLine;

/** Entry point: discovers plugins, builds the one injector, runs the command line, exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Console.system()));
    }

    /** Runs a command line and returns the exit code (tests call this directly). */
    public static int run(String[] args, Console console) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("java.awt.headless", "true");
        List<Path> pluginDirs = pluginDirectories(args);
        for (Path dir : named(args)) { // a directory the user named must exist; plugins/ beside the launcher may not
            if (!Files.isDirectory(dir)) {
                console.err().println("error: plugin directory " + dir + " does not exist or is not a directory");
                return Exits.USAGE;
            }
        }
        PluginLoader.Discovered discovered;
        try {
            discovered = PluginLoader.discover(Main.class.getClassLoader(), pluginDirs);
        } catch (RuntimeException e) {
            console.err().println("error: " + e.getMessage());
            return Exits.USAGE;
        }
        discovered.problems().forEach(console.err()::println);
        try {
            Injector injector = Guice.createInjector(new ConsoleModule(console), new PluginModule(discovered, new PluginDirectories(explicitPluginDirectories(args))));
            CommandLine cli = HylaCommand.commandLine(injector, console); // creates the commands, and so the catalog
            return cli.execute(args);
        } catch (Throwable t) { // e.g. duplicate built-in ids, or errors picocli rethrows: one line, never a stack trace
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof org.hyla4j.runner.base.UsageException) {
                    console.err().println("error: " + c.getMessage());
                    return Exits.USAGE;
                }
            }
            console.err().println("error: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()));
            return Exits.FAILURE;
        }
    }

    /** The plugin directories the user named: {@code --plugins DIR} and {@code $HYLA4J_PLUGINS}. */
    private static List<Path> named(String[] args) {
        List<Path> dirs = new ArrayList<>(explicitPluginDirectories(args));
        String env = System.getenv("HYLA4J_PLUGINS");
        if (env != null && !env.isBlank()) {
            for (String p : env.split(java.io.File.pathSeparator)) {
                dirs.add(Path.of(p));
            }
        }
        return dirs;
    }

    /** The {@code --plugins DIR} directories of a command line. */
    static List<Path> explicitPluginDirectories(String[] args) {
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--plugins") && i + 1 < args.length) {
                dirs.add(Path.of(args[i + 1]));
            } else if (args[i].startsWith("--plugins=")) {
                dirs.add(Path.of(args[i].substring("--plugins=".length())));
            }
        }
        return dirs;
    }

    /**
     * Plugin directories: {@code --plugins DIR} (repeatable; read before picocli so that plugin ids are
     * known when the command runs), {@code $HYLA4J_PLUGINS} (path-separated), and {@code plugins/}
     * beside the launcher ({@code hyla4j.home}).
     */
    static List<Path> pluginDirectories(String[] args) {
        List<Path> dirs = named(args);
        String home = System.getProperty("hyla4j.home");
        if (home != null) {
            dirs.add(Path.of(home, "plugins"));
        }
        return dirs;
    }
}
