package org.hyla4j.runner.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyla4j.api.UsageException;
import org.hyla4j.runner.base.Json;

/**
 * A paper experiment as data ({@code reproduce --experiment}): the settings every run shares, the variants, seeds and
 * budgets, and the paper's numbers to print beside the measured ones. Built-in experiments are YAML files under
 * {@code experiments/} on the class path; a user's is a file with the same fields.
 *
 * @param name short name, e.g. {@code fuzzy-a1}
 * @param description one line on the setting
 * @param settings what every run shares, as the fields of {@code config.json}
 * @param variants the variants compared by default
 * @param ablations the variants {@code --attention all} adds
 * @param seeds the seeds used unless a budget or {@code --seeds} says otherwise
 * @param evaluations evaluations per run (every steps/evaluations steps)
 * @param budgets named budgets
 * @param paper the paper's setting and numbers
 */
public record Experiment(String name, String description, RunSettings settings, List<String> variants, List<String> ablations,
        List<Long> seeds, int evaluations, Map<String, Budget> budgets, Paper paper) {

    /** The experiments that ship with hyla4j. */
    public static final List<String> BUILT_IN = List.of("fuzzy-a1", "sraven-a1");

    /**
     * A budget.
     *
     * @param steps training steps
     * @param evalExamples examples per evaluation split
     * @param seeds seeds for this budget (null: the experiment's)
     */
    public record Budget(int steps, int evalExamples, List<Long> seeds) {
    }

    /**
     * The paper's side.
     *
     * @param steps the paper's training steps
     * @param evalExamples the paper's evaluation-set size
     * @param what the headline number in words, e.g. {@code held-out-combination R² (`test/r2`)}
     * @param baseline the trivial baseline the report compares against
     * @param columns further per-variant metrics to show (OOD and in distribution), with their chance level
     * @param numbers variant id → {mean, SE} ×100
     * @param published where hyla4j's own result at the paper's budget is published (a path in the hyla4j repository and what it
     *     holds), or null when there is none yet; a report below the paper's budget points there
     */
    public record Paper(int steps, int evalExamples, String what, Baseline baseline, List<Column> columns, Map<String, double[]> numbers,
            String published) {

        public Paper {
            columns = columns == null ? List.of() : columns;
        }
    }

    /**
     * A trivial baseline.
     *
     * @param name how the report names it, e.g. {@code 3-NN baseline}
     * @param key its metric name in a run's baselines, e.g. {@code baseline_3nn_r2}
     */
    public record Baseline(String name, String key) {
    }

    /**
     * A further metric column.
     *
     * @param metric metric name, e.g. {@code acc_per_feature}
     * @param label how the report names it
     * @param chance its chance level
     */
    public record Column(String metric, String label, double chance) {
    }

    /** The built-in experiment of {@code task} (fuzzy-a1 for fuzzy logic, ...), or null when the paper has none for it. */
    public static Experiment forTask(String task) {
        for (String name : BUILT_IN) {
            Experiment e = load(name);
            if (task.equals(e.settings().task())) {
                return e;
            }
        }
        return null;
    }

    /** A built-in experiment by name, or an experiment file. */
    public static Experiment load(String nameOrFile) {
        InputStream in = Experiment.class.getClassLoader().getResourceAsStream("experiments/" + nameOrFile + ".yaml");
        if (in != null) {
            return Json.readStrict(in, nameOrFile + ".yaml", Experiment.class).validated(nameOrFile);
        }
        Path file = Path.of(nameOrFile);
        UsageException.check(Files.isRegularFile(file), "unknown experiment '%s'; built in: %s, or the path of an experiment file", nameOrFile,
                String.join(", ", BUILT_IN));
        try {
            return Json.readStrict(Files.newInputStream(file), file.toString(), Experiment.class).validated(file.toString());
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private Experiment validated(String source) {
        UsageException.check(settings != null && variants != null && !variants.isEmpty() && budgets != null && !budgets.isEmpty()
                && paper != null && evaluations > 0, "experiment %s needs settings, variants, evaluations > 0, budgets and paper", source);
        return this;
    }

    /** The budget of that name, or a usage error naming the known ones. */
    public Budget budget(String budgetName) {
        Budget b = budgets.get(budgetName);
        UsageException.check(b != null, "unknown budget '%s'; known: %s", budgetName, String.join(", ", budgets.keySet()));
        return b;
    }

    /**
     * The runs' settings for a budget: the shared settings, the budget's steps, evaluation cadence, evaluation-set size and seeds,
     * then the caller's overrides ({@code variants} null: the main ones; {@code all}: with the ablations).
     */
    public RunSettings settings(String budgetName, List<String> chosenVariants, List<Long> chosenSeeds, RunSettings overrides) {
        Budget b = budget(budgetName);
        List<String> v = chosenVariants == null ? variants : chosenVariants.equals(List.of("all")) ? concat(variants, ablations) : chosenVariants;
        int steps = overrides.steps() != null ? overrides.steps() : b.steps();
        return settings.copy().steps(b.steps()).evalExamples(b.evalExamples()).evalEvery(Math.max(1, steps / evaluations)).over(overrides)
                .attention(v).seeds(chosenSeeds != null ? chosenSeeds : b.seeds() != null ? b.seeds() : seeds);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b == null ? List.of() : b);
        return out;
    }
}
