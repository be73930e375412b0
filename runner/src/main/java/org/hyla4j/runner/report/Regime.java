package org.hyla4j.runner.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.hyla4j.api.task.SplitOrder;
import org.hyla4j.api.task.Task;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.Setting;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.run.Provenance;

/**
 * A report's regime line: the training regime its runs were trained in (weight-decay mask and, for tasks with the option,
 * the split shuffle: what {@code provenance.json} records as {@code training_regime}), and whether it is today's default
 * for the same settings or a superseded one (docs/fidelity.md, "Regimes and run identities": hyla4j's split and the
 * {@code matrices} mask were its regime before issue #30). The line is written from the runs' configuration, so a page
 * regenerated from its runs keeps it; the index of a directory of reports marks the pages whose line says superseded.
 */
public final class Regime {

    /** How the line begins in report.md. */
    public static final String PREFIX = "**Regime**: ";
    /** The mark of a superseded regime in the line. */
    public static final String SUPERSEDED = "**superseded**";

    private final Catalog catalog;
    /** regime → runs, in the order met */
    private final Map<Map<String, Object>, Integer> runs = new LinkedHashMap<>();
    private final Map<List<Object>, Map<String, Object>[]> cache = new HashMap<>();
    private Map<String, Object> today;
    private boolean superseded;

    /** An empty tally; {@link #add} each run. */
    public Regime(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Counts one run: its regime, and whether it is today's default for its settings. */
    public Regime add(RunConfig c, long seed) {
        Map<String, Object>[] both = cache.computeIfAbsent(List.of(c.task(), c.preset(), c.decayMask(), c.taskOptions()), k -> regimes(c, seed));
        runs.merge(both[0], 1, Integer::sum);
        today = today == null ? both[1] : today;
        superseded |= !both[0].equals(both[1]);
        return this;
    }

    /** The run's regime as provenance.json records it, and today's default for the same settings (decay mask, the preset's split). */
    @SuppressWarnings("unchecked")
    private Map<String, Object>[] regimes(RunConfig c, long seed) {
        Task task = catalog.tasks().get(c.task());
        Map<String, Object> own = Provenance.regime(c.decayMask(), task.configure(c.taskOptions(), seed).options());
        Map<String, String> options = new TreeMap<>(c.taskOptions());
        options.remove(SplitOrder.KEY);
        String presetSplit = task.preset(c.preset()).taskOptions().get(SplitOrder.KEY);
        if (presetSplit != null) {
            options.put(SplitOrder.KEY, presetSplit);
        }
        Map<String, Object> now = Provenance.regime(Setting.DECAY_MASK.fallback(String.class), task.configure(options, seed).options());
        return new Map[] {own, now};
    }

    /** The line for report.md (with its line break), or empty without runs. */
    public String markdown() {
        if (runs.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        runs.forEach((r, n) -> parts.add(describe(r) + (runs.size() > 1 ? String.format(Locale.ROOT, " (%d runs)", n) : "")));
        String which = superseded
                ? SUPERSEDED + ": today's default for these settings is " + describe(today) + ", and runs under one regime are never "
                        + "resumed or averaged with another's (docs/fidelity.md)"
                : "today's default for these settings";
        return String.format(Locale.ROOT, "%s%s (the runs' `training_regime`): %s.%n%n", PREFIX, String.join("; ", parts), which);
    }

    /** {@code split `jax`, decay mask `paper`}; the split only for tasks that have the option. */
    static String describe(Map<String, Object> regime) {
        String mask = "decay mask `" + regime.get("decay_mask") + "`";
        return regime.containsKey(SplitOrder.KEY) ? "split `" + regime.get(SplitOrder.KEY) + "`, " + mask : mask;
    }

    /** The regime line of a report.md without its prefix, or null when it has none. */
    public static String in(String markdown) {
        return markdown.lines().filter(l -> l.startsWith(PREFIX)).map(l -> l.substring(PREFIX.length()).strip()).findFirst().orElse(null);
    }

    /** Whether a regime line (from {@link #in}) says superseded. */
    public static boolean superseded(String line) {
        return line != null && line.contains(SUPERSEDED);
    }
}
