package org.hyla4j.runner.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyla4j.api.UsageException;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.config.Experiment;

/**
 * A sweep file: a grid in the W&amp;B sweep format that the paper's own sweeps use ({@code method: grid}, {@code parameters:}
 * each with {@code values: [...]} or {@code value: x}), as YAML or JSON. What the keys mean is {@link SweepKeys}'s business;
 * this class only reads the shape and refuses anything that is not a grid.
 *
 * @param file where it was read from (error messages name it); null for a grid a command made ({@link Sweep#grid})
 * @param name the sweep's {@code name}, or the file name without extension
 * @param parameters every parameter's values, in file order
 * @param experiment the experiment named by {@code paper:} (a built-in experiment such as {@code fuzzy-a1}, or an experiment
 *     file), whose paper numbers the report compares with; or null
 */
public record SweepFile(Path file, String name, Map<String, List<JsonNode>> parameters, Experiment experiment) {

    /** The paper's numbers the report compares with, or null without {@code paper:}. */
    public Experiment.Paper paper() {
        return experiment == null ? null : experiment.paper();
    }

    /** What the report says the runs came from: the file's name, or the command that made the grid. */
    public String source() {
        return file == null ? "hyla4j " + name.replaceFirst("-.*", "") : file.getFileName().toString();
    }

    /** Top-level keys a sweep uses: the W&amp;B format's three and ours, {@code paper}. */
    static final Set<String> KEYS = Set.of("method", "parameters", "name", "paper");
    /** Top-level keys of the W&amp;B format that a grid does not use: accepted and ignored. */
    static final Set<String> IGNORED = Set.of("program", "command", "project", "entity", "description", "metric", "early_terminate");

    /** Reads and checks a sweep file; anything malformed is one usage error naming the file (and the key). */
    public static SweepFile read(Path file) {
        UsageException.check(Files.isRegularFile(file), "sweep file %s does not exist", file);
        JsonNode root;
        try {
            root = Json.readStrict(Files.newInputStream(file), file.getFileName().toString(), JsonNode.class);
        } catch (IOException e) {
            throw new UsageException("cannot read sweep file " + file + ": " + e.getMessage());
        }
        UsageException.check(root != null && root.isObject(), "%s: not a sweep (expected a mapping with method and parameters)", file);
        String fileName = file.getFileName().toString();
        String name = fileName.replaceFirst("\\.(ya?ml|json)$", "");
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String key = it.next();
            UsageException.check(KEYS.contains(key) || IGNORED.contains(key),
                    "%s: unknown key '%s' (a sweep has method, parameters, name, paper; program, command, metric, ... are ignored)", file, key);
        }
        String method = root.path("method").asText("");
        UsageException.check(method.equals("grid"), "%s: method '%s' is not supported; only method: grid", file, method);
        if (root.hasNonNull("name")) {
            name = root.get("name").asText();
        }
        JsonNode params = root.path("parameters");
        UsageException.check(params.isObject() && params.size() > 0, "%s: no parameters", file);
        Map<String, List<JsonNode>> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            values.put(e.getKey(), values(file, e.getKey(), e.getValue()));
        }
        Experiment paper = null;
        if (root.has("paper")) {
            UsageException.check(root.get("paper").isTextual() && !root.get("paper").asText().isBlank(),
                    "%s: paper must name an experiment (built in: %s) or an experiment file, got %s", file, String.join(", ", Experiment.BUILT_IN),
                    root.get("paper"));
            paper = Experiment.load(root.get("paper").asText()); // an unknown one is refused before anything trains
        }
        return new SweepFile(file, name, values, paper);
    }

    private static List<JsonNode> values(Path file, String key, JsonNode spec) {
        UsageException.check(spec.isObject(), "%s: parameter '%s' must be a mapping with values: [...] or value: x, got %s", file, key, spec);
        for (Iterator<String> it = spec.fieldNames(); it.hasNext();) {
            String f = it.next();
            UsageException.check(f.equals("values") || f.equals("value"),
                    "%s: parameter '%s' has '%s'; a grid takes values: [...] or value: x only", file, key, f);
        }
        UsageException.check(spec.has("values") != spec.has("value"), "%s: parameter '%s' needs exactly one of values or value", file, key);
        List<JsonNode> list = new ArrayList<>();
        if (spec.has("value")) {
            list.add(spec.get("value"));
        } else {
            JsonNode v = spec.get("values");
            UsageException.check(v.isArray() && v.size() > 0, "%s: parameter '%s': values must be a non-empty list, got %s", file, key, v);
            v.forEach(list::add);
        }
        for (JsonNode n : list) {
            UsageException.check(n.isValueNode() && !n.isNull(), "%s: parameter '%s': value %s is not a number, string or boolean", file, key, n);
        }
        UsageException.check(list.stream().distinct().count() == list.size(), "%s: parameter '%s' lists a value twice: %s", file, key, list);
        return list;
    }

    /** Number of combinations: the product of the value counts. */
    public long combinations() {
        long n = 1;
        for (List<JsonNode> v : parameters.values()) {
            n *= v.size();
        }
        return n;
    }
}
