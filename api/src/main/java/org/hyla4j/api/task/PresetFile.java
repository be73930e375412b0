package org.hyla4j.api.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A task's presets as data: a {@code .properties} file shipped beside the task class (UTF-8), read by
 * {@link AbstractTask}. Keys are the sweep files' keys where a sweep has one ({@code layers}, {@code heads}, {@code batch},
 * {@code steps}, {@code lr}, {@code weight_decay}, {@code warmup}, {@code eval_every}, {@code eval_examples},
 * {@code task_opt.KEY}), and {@code model_dim}, {@code qk_dim}, {@code v_dim}, {@code mlp_dim} for the widths at width
 * 1, which a sweep scales with {@code width}; a key without a prefix sets a value for both
 * presets, a {@code small.} or {@code paper.} prefix sets or overrides it for one; {@code task_opt.KEY} sets one of the
 * task's options:
 * <pre>
 * # the paper's model, both presets
 * layers = 2
 * model_dim = 128
 * ...
 * small.steps = 1200
 * paper.steps = 50000
 * paper.task_opt.split = jax
 * </pre>
 * Every value of {@link #KEYS} must be given for each preset; an unknown key, a missing value or a malformed number is an
 * {@link IllegalStateException} naming the file and the key (a plugin's packaging error, caught by its contract test).
 */
public final class PresetFile {

    /** The numeric keys, in {@link Preset}'s order. */
    public static final List<String> KEYS = List.of("layers", "model_dim", "heads", "qk_dim", "v_dim", "mlp_dim", "batch",
            "steps", "lr", "weight_decay", "warmup", "eval_every", "eval_examples");
    /** The prefix of a task option's key. */
    public static final String TASK_OPTION = "task_opt.";

    private static final List<String> NAMES = List.of(Preset.SMALL, Preset.PAPER);

    private PresetFile() {
    }

    /** The resource name of the task {@code id}'s presets, relative to its class. */
    public static String resourceName(String id) {
        return id + "-presets.properties";
    }

    /** Reads {@code resource} (relative to {@code anchor}'s package) into the {@code small} and {@code paper} presets. */
    public static Map<String, Preset> load(Class<?> anchor, String resource) {
        String source = anchor.getPackageName().replace('.', '/') + "/" + resource;
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(source + ": no such resource beside " + anchor.getName()
                        + " (a task's presets are data: see docs/plugins.md)");
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                Properties p = new Properties();
                p.load(r);
                return parse(p, source);
            }
        } catch (IOException e) {
            throw new IllegalStateException(source + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The two presets {@code p} describes; {@code source} names it in messages. */
    public static Map<String, Preset> parse(Properties p, String source) {
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        Map<String, Map<String, String>> options = new LinkedHashMap<>();
        for (String name : NAMES) {
            values.put(name, new TreeMap<>());
            options.put(name, new TreeMap<>());
        }
        // shared keys first, so that a prefixed key overrides them whatever the file's order
        for (boolean prefixed : new boolean[] {false, true}) {
            for (String key : new TreeSet<>(p.stringPropertyNames())) {
                String scope = NAMES.stream().filter(n -> key.startsWith(n + ".")).findFirst().orElse(null);
                if ((scope != null) != prefixed) {
                    continue;
                }
                String bare = scope == null ? key : key.substring(scope.length() + 1);
                String value = p.getProperty(key).strip();
                for (String name : scope == null ? NAMES : List.of(scope)) {
                    if (bare.startsWith(TASK_OPTION) && bare.length() > TASK_OPTION.length()) {
                        options.get(name).put(bare.substring(TASK_OPTION.length()), value);
                    } else if (KEYS.contains(bare)) {
                        values.get(name).put(bare, value);
                    } else {
                        throw new IllegalStateException(source + ": unknown key '" + key + "' (known: " + String.join(", ", KEYS)
                                + ", " + TASK_OPTION + "KEY, each optionally prefixed by small. or paper.)");
                    }
                }
            }
        }
        Map<String, Preset> presets = new LinkedHashMap<>();
        for (String name : NAMES) {
            Map<String, String> v = values.get(name);
            for (String key : KEYS) {
                if (!v.containsKey(key)) {
                    throw new IllegalStateException(source + ": preset " + name + " has no '" + key + "' (set " + key + " or "
                            + name + "." + key + ")");
                }
            }
            Values r = new Values(source, name, v);
            presets.put(name, new Preset(name, r.whole("layers"), r.whole("model_dim"), r.whole("heads"), r.whole("qk_dim"),
                    r.whole("v_dim"), r.whole("mlp_dim"), r.whole("batch"), r.whole("steps"), r.real("lr"),
                    r.real("weight_decay"), r.whole("warmup"), r.whole("eval_every"), r.whole("eval_examples"),
                    options.get(name)));
        }
        return Map.copyOf(presets);
    }

    /** Typed reads of one preset's values, with messages naming the file, the preset and the key. */
    private record Values(String source, String name, Map<String, String> values) {
        int whole(String key) {
            try {
                return Integer.parseInt(values.get(key).replace("_", ""));
            } catch (NumberFormatException e) {
                throw bad(key, "a whole number");
            }
        }

        double real(String key) {
            try {
                return Double.parseDouble(values.get(key).replace("_", ""));
            } catch (NumberFormatException e) {
                throw bad(key, "a number");
            }
        }

        private IllegalStateException bad(String key, String what) {
            return new IllegalStateException(source + ": preset " + name + ": '" + key + "' is '" + values.get(key) + "', not "
                    + what);
        }
    }
}
