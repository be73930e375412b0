package org.hyla4j.runner.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.plugins.Catalog;

/**
 * Run directories of the layout {@code compare} and {@code reproduce} wrote before a comparison was a sweep,
 * {@code OUT/runs/VARIANT/seed-S}: a planned run that has no directory yet takes over such a directory (renamed to its
 * {@code OUT/runs/VARIANT-sSEED-HASH}) when the configuration recorded there is the same experiment, so rerunning an
 * old comparison resumes and reuses what it trained. A directory of another experiment (other settings, or another
 * training regime such as the decay mask before it was a setting) is left where it is.
 */
public final class LegacyRunDirs {

    private LegacyRunDirs() {
    }

    /** Moves every matching legacy directory of {@code plan} under {@code out} into place; returns one line per move. */
    public static List<String> adopt(RunPlan plan, Path out, Catalog catalog) {
        List<String> moved = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            Path old = out.resolve("runs").resolve(r.attention()).resolve("seed-" + r.seed());
            Path config = old.resolve("config.json");
            if (Files.exists(r.dir()) || !Files.isRegularFile(config)) {
                continue;
            }
            RunConfig recorded;
            try {
                recorded = RunConfig.read(config, catalog);
            } catch (org.hyla4j.api.InvalidSettingException e) {
                continue; // not one of ours, or from a version whose settings no longer resolve: leave it
            }
            if (!recorded.sameExperimentAs(r.config())) {
                continue;
            }
            try {
                Files.createDirectories(r.dir().getParent());
                Files.move(old, r.dir(), StandardCopyOption.ATOMIC_MOVE);
                try (var left = Files.list(old.getParent())) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(old.getParent());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move " + old + " to " + r.dir(), e);
            }
            moved.add(out.relativize(old) + " -> " + out.relativize(r.dir()));
        }
        return moved;
    }
}
