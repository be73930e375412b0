package org.hyla4j.runner.latent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.hyla4j.runner.report.Stats;

/** The latent-code section of a comparison report: per variant, layer and label, macro-F1 mean ± SE over seeds. */
public final class LatentSection {

    private LatentSection() {
    }

    /** Markdown for the results of several runs. */
    public static String markdown(List<LatentService.Result> results) {
        Map<String, List<LatentService.Result>> byVariant = new LinkedHashMap<>();
        results.forEach(r -> byVariant.computeIfAbsent(r.attention(), k -> new ArrayList<>()).add(r));
        TreeSet<Integer> layers = new TreeSet<>();
        TreeSet<String> labels = new TreeSet<>();
        results.forEach(r -> r.decodings().forEach(d -> {
            layers.add(d.layer());
            labels.add(d.label());
        }));
        StringBuilder md = new StringBuilder("\n## Latent code: decoding held-out tasks' latents (macro-F1, mean ± SE over seeds)\n\n");
        md.append("A logistic-regression decoder trained on codes of training tasks predicts each label of held-out tasks "
                + "(docs/model.md §6). Chance: uniform guessing; shuffled: the same decoder trained on shuffled labels. "
                + "Per-run figures are in each run's `latent/` directory.\n\n");
        md.append("| variant | label |");
        for (int l : layers) {
            md.append(l < 0 ? " all layers |" : " layer " + l + " |");
        }
        md.append(" chance | shuffled (all layers) |\n|---|---|").append("---:|".repeat(layers.size() + 2)).append('\n');
        byVariant.forEach((variant, rs) -> {
            for (String label : labels) {
                md.append("| ").append(variant).append(" | ").append(label).append(" |");
                for (int l : layers) {
                    md.append(' ').append(pm(values(rs, label, l, 0))).append(" |");
                }
                md.append(' ').append(pm(values(rs, label, -1, 1))).append(" | ").append(pm(values(rs, label, -1, 2))).append(" |\n");
            }
        });
        return md.toString();
    }

    private static double[] values(List<LatentService.Result> rs, String label, int layer, int which) {
        return rs.stream().flatMap(r -> r.decodings().stream()).filter(d -> d.label().equals(label) && d.layer() == layer)
                .mapToDouble(d -> which == 0 ? d.f1() : which == 1 ? d.chance() : d.shuffled()).toArray();
    }

    private static String pm(double[] v) {
        Stats.Summary s = Stats.summarize(v);
        return Double.isNaN(s.se()) ? String.format(Locale.ROOT, "%.3f", s.mean()) : String.format(Locale.ROOT, "%.3f ± %.3f", s.mean(), s.se());
    }
}
