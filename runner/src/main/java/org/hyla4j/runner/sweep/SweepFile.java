package org.hyla4j.runner.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.base.IoProblem;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.config.Experiment;

/**
 * A sweep file: a grid in the W&amp;B sweep format that the paper's own sweeps use ({@code method: grid}, {@code parameters:}
 * each with {@code values: [...]} or {@code value: x}), as YAML or JSON, with hyla4j's optional keys: {@code paper}, the
 * paper's numbers to compare with; {@code budgets}, named sets of parameter values laid over the grid
 * ({@code --budget NAME}); {@code evaluations}, evaluations per run when {@code eval_every} is not given; {@code ablations},
 * the variants {@code --attention all} adds. A paper experiment ({@code hyla4j reproduce}) is such a file: the built-in ones
 * are {@code experiments/NAME.yaml} on the class path. What the parameter keys mean is {@link SweepKeys}'s business; this
 * class only reads the shape and refuses anything that is not a grid.
 *
 * @param file where it was read from (error messages name it); null for a grid a command made ({@link Sweep#grid})
 * @param name the sweep's {@code name}, or the file name without extension
 * @param parameters every parameter's values, in file order
 * @param experiment the paper's side ({@code paper:} inline, or the name of a built-in experiment or the path of a sweep file
 *     that has one), whose numbers the report compares with; or null
 * @param budgets named budgets: parameter key to its values, each laid over {@code parameters} by {@link #withBudget}
 * @param evaluations evaluations per run when neither the file nor the flags set {@code eval_every}; or null
 * @param ablations the variants {@code --attention all} adds to the file's
 * @param madeBy the command that ran it, when not {@code sweep} (the report says where its runs came from); or null
 */
public record SweepFile(Path file, String name, Map<String, List<JsonNode>> parameters, Experiment experiment,
        Map<String, Map<String, List<JsonNode>>> budgets, Integer evaluations, List<String> ablations, String madeBy) {

    /** The experiments that ship with hyla4j, as {@code experiments/NAME.yaml} on the class path, as help texts list them. */
    public static final String BUILT_IN_NAMES = "fuzzy-a1, sraven-a1";

    /** {@link #BUILT_IN_NAMES} as a list (a test keeps it equal to the files on the class path). */
    public static final List<String> BUILT_IN = List.of(BUILT_IN_NAMES.split(", "));

    /** The budgets every built-in experiment has, as help texts list them (a test keeps them equal to the files'). */
    public static final String BUILT_IN_BUDGETS = "small, medium, paper";

    public SweepFile {
        budgets = budgets == null ? Map.of() : budgets;
        ablations = ablations == null ? List.of() : List.copyOf(ablations);
    }

    /** A grid a command made, with no budgets. */
    public SweepFile(Path file, String name, Map<String, List<JsonNode>> parameters, Experiment experiment) {
        this(file, name, parameters, experiment, null, null, null, null);
    }

    /** The paper's numbers the report compares with, or null without {@code paper:}. */
    public Experiment.Paper paper() {
        return experiment == null ? null : experiment.paper();
    }

    /** What the report says the runs came from: the command that ran them, or the file's name. */
    public String source() {
        if (madeBy != null) {
            return "hyla4j " + madeBy;
        }
        return file == null ? "hyla4j " + name.replaceFirst("-.*", "") : file.getFileName().toString();
    }

    /** Top-level keys a sweep uses: the W&amp;B format's, and hyla4j's. */
    static final Set<String> KEYS = Set.of("method", "parameters", "name", "description", "paper", "budgets", "evaluations", "ablations");
    /** Top-level keys of the W&amp;B format that a grid does not use: accepted and ignored. */
    static final Set<String> IGNORED = Set.of("program", "command", "project", "entity", "metric", "early_terminate");

    /** Reads and checks a sweep file; anything malformed is one usage error naming the file (and the key). */
    public static SweepFile read(Path file) {
        UsageException.check(Files.isRegularFile(file), "sweep file %s does not exist", file);
        try {
            return read(Files.newInputStream(file), file);
        } catch (IOException e) {
            throw new UsageException("cannot read sweep file " + file + ": " + IoProblem.describe(e));
        }
    }

    /** A built-in experiment by name ({@link #BUILT_IN}), or a sweep file by path. */
    public static SweepFile load(String nameOrFile) {
        InputStream in = SweepFile.class.getClassLoader().getResourceAsStream("experiments/" + nameOrFile + ".yaml");
        if (in != null) {
            return read(in, Path.of(nameOrFile + ".yaml"));
        }
        UsageException.check(Files.isRegularFile(Path.of(nameOrFile)), "unknown experiment '%s'; built in: %s, or the path of a sweep file",
                nameOrFile, String.join(", ", BUILT_IN));
        return read(Path.of(nameOrFile));
    }

    /** The built-in experiment of {@code task} (fuzzy-a1 for fuzzy logic, ...), or null when the paper has none for it. */
    public static Experiment forTask(String task) {
        for (String name : BUILT_IN) {
            SweepFile f = load(name);
            List<JsonNode> t = f.parameters().get("task");
            if (t != null && t.size() == 1 && task.equals(t.get(0).asText())) {
                return f.experiment();
            }
        }
        return null;
    }

    private static SweepFile read(InputStream in, Path file) {
        JsonNode root = Json.readStrict(in, file.getFileName().toString(), JsonNode.class);
        UsageException.check(root != null && root.isObject(), "%s: not a sweep (expected a mapping with method and parameters)", file);
        String fileName = file.getFileName().toString();
        String name = fileName.replaceFirst("\\.(ya?ml|json)$", "");
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String key = it.next();
            UsageException.check(KEYS.contains(key) || IGNORED.contains(key), "%s: unknown key '%s' (a sweep has method, parameters, name, "
                    + "description, paper, budgets, evaluations, ablations; program, command, metric, ... are ignored)", file, key);
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
        String description = root.path("description").asText(name);
        Experiment paper = null;
        if (root.has("paper")) {
            JsonNode p = root.get("paper");
            if (p.isObject()) {
                paper = new Experiment(name, description, Json.strict(p, file + ": paper", Experiment.Paper.class));
            } else {
                UsageException.check(p.isTextual() && !p.asText().isBlank(), "%s: paper must be a mapping with the paper's numbers, or name an "
                        + "experiment (built in: %s) or a sweep file that has them, got %s", file, String.join(", ", BUILT_IN), p);
                paper = load(p.asText()).experiment(); // an unknown one is refused before anything trains
                UsageException.check(paper != null, "%s: paper names %s, which has no paper numbers", file, p.asText());
            }
        }
        Map<String, Map<String, List<JsonNode>>> budgets = new LinkedHashMap<>();
        JsonNode bs = root.path("budgets");
        UsageException.check(bs.isMissingNode() || bs.isObject() && bs.size() > 0, "%s: budgets must be a mapping of names to parameter values", file);
        for (Iterator<Map.Entry<String, JsonNode>> it = bs.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> b = it.next();
            UsageException.check(b.getValue().isObject(), "%s: budget '%s' must be a mapping of parameter keys to values, got %s", file, b.getKey(),
                    b.getValue());
            Map<String, List<JsonNode>> m = new LinkedHashMap<>();
            b.getValue().fields().forEachRemaining(e -> m.put(e.getKey(), values(file, "budgets." + b.getKey() + "." + e.getKey(),
                    Json.PRETTY.createObjectNode().set(e.getValue().isArray() ? "values" : "value", e.getValue()))));
            budgets.put(b.getKey(), m);
        }
        Integer evaluations = null;
        if (root.has("evaluations")) {
            UsageException.check(root.get("evaluations").canConvertToInt() && root.get("evaluations").asInt() > 0,
                    "%s: evaluations must be a positive whole number, got %s", file, root.get("evaluations"));
            evaluations = root.get("evaluations").asInt();
        }
        List<String> ablations = new ArrayList<>();
        JsonNode ab = root.path("ablations");
        UsageException.check(ab.isMissingNode() || ab.isArray(), "%s: ablations must be a list of variant ids, got %s", file, ab);
        ab.forEach(v -> ablations.add(v.asText()));
        return new SweepFile(file, name, values, paper, budgets, evaluations, ablations, null);
    }

    /**
     * This file with budget {@code budget}'s values laid over its parameters (null: none), then the variants and seeds a command
     * chose ({@code attention} null: the file's; {@code all}: the file's and its ablations; {@code seeds} null: the file's),
     * named {@code newName} and made by {@code command} (null: {@code sweep}).
     */
    public SweepFile withBudget(String budget, List<String> attention, List<Long> seeds, String command, String newName) {
        Map<String, List<JsonNode>> p = new LinkedHashMap<>(parameters);
        if (budget != null) {
            UsageException.check(!budgets.isEmpty(), "%s has no budgets; --budget does not apply", file);
            Map<String, List<JsonNode>> b = budgets.get(budget);
            UsageException.check(b != null, "unknown budget '%s'; known: %s", budget, String.join(", ", budgets.keySet()));
            p.putAll(b);
        }
        if (attention != null) {
            List<String> v = new ArrayList<>();
            if (attention.equals(List.of("all"))) {
                parameters.getOrDefault("attention", List.of()).forEach(n -> v.add(n.asText()));
                v.addAll(ablations);
            } else {
                v.addAll(attention);
            }
            p.put("attention", v.stream().<JsonNode>map(TextNode::valueOf).toList());
        }
        if (seeds != null) {
            p.remove("config.seed");
            p.put("seed", seeds.stream().<JsonNode>map(LongNode::valueOf).toList());
        }
        return new SweepFile(file, newName, p, experiment, budgets, evaluations, ablations, command);
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
