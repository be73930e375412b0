package org.hyla4j.runner.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.hyla4j.api.Plugin;
import org.hyla4j.api.util.Seeds;
import org.hyla4j.runner.cli.VersionProvider;

/** Everything needed to rerun and diff a run (Tribuo's provenance habit), as sorted-key JSON. */
public final class Provenance {

    private Provenance() {
    }

    /** The provenance of a run with these plugins, root seed, threads and device. */
    public static Map<String, Object> of(List<? extends Plugin> plugins, long rootSeed, int threads, Device device, Engine engine) {
        Map<String, Object> p = new TreeMap<>();
        p.put("hyla4j_version", VersionProvider.version());
        p.put("djl_version", VersionProvider.djlVersion());
        p.put("engine", engine.getEngineName());
        p.put("pytorch_version", engine.getVersion());
        Map<String, Object> pluginInfo = new TreeMap<>();
        for (Plugin pl : plugins) {
            pluginInfo.put(pl.id(), Map.of("version", pl.version(), "source", pl.source(), "class", pl.getClass().getName()));
        }
        p.put("plugins", pluginInfo);
        Map<String, Object> seeds = new LinkedHashMap<>();
        seeds.put("root", rootSeed);
        for (String stream : List.of(Seeds.INIT, Seeds.DATA, Seeds.DROPOUT, Seeds.EVAL)) {
            seeds.put(stream, Seeds.derive(rootSeed, stream));
        }
        p.put("seeds", seeds);
        p.put("threads", threads);
        p.put("device", device.toString());
        p.put("gpu_count", engine.getGpuCount());
        p.put("git_commit", gitCommit());
        p.put("java", System.getProperty("java.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("cpus", Runtime.getRuntime().availableProcessors());
        p.put("started", Instant.now().toString());
        return p;
    }

    /** The git commit of the hyla4j checkout the launcher runs from, or {@code unknown}. */
    static String gitCommit() {
        String home = System.getProperty("hyla4j.home", ".");
        try {
            Process proc = new ProcessBuilder("git", "-C", Path.of(home).toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (proc.waitFor(5, TimeUnit.SECONDS) && proc.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
                return out;
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
