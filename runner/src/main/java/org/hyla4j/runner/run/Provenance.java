package org.hyla4j.runner.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.hyla4j.runner.base.Json;
import org.hyla4j.api.Plugin;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.api.task.SplitOrder;
import org.hyla4j.api.util.Seeds;
import org.hyla4j.runner.base.Versions;

/** Everything needed to rerun and diff a run (Tribuo's provenance habit), as sorted-key JSON. */
public final class Provenance {

    private Provenance() {
    }

    /** The provenance of a run with these plugins, root seed, threads and device. */
    public static Map<String, Object> of(List<? extends Plugin> plugins, long rootSeed, int threads, Device device, Engine engine) {
        Map<String, Object> p = new TreeMap<>();
        p.put("hyla4j_version", Versions.hyla4j());
        p.put("djl_version", Versions.djl());
        p.put("engine", engine.getEngineName());
        p.put("pytorch_version", engine.getVersion());
        p.put("libtorch", libtorch(engine));
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
        p.put("malloc", malloc(System.getenv()));
        p.put("started", Instant.now().toString());
        return p;
    }

    /**
     * glibc malloc's settings from the environment ({@code MALLOC_*}; the launcher's scripts/malloc-env sets them): they change
     * speed, never numbers. Empty: glibc's defaults.
     */
    public static Map<String, String> malloc(Map<String, String> env) {
        Map<String, String> m = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("MALLOC_")) {
                m.put(k, v);
            }
        });
        return m;
    }

    /**
     * Which libtorch and which JNI a run used: Maven Central's bundled engine, or one built by scripts/build-engine
     * against a libtorch on the machine (PYTORCH_LIBRARY_PATH), with that build's record.
     */
    public static Map<String, Object> libtorch(Engine engine) {
        Map<String, Object> l = new TreeMap<>();
        String override = System.getenv("PYTORCH_LIBRARY_PATH");
        l.put("source", override == null ? "bundled (Maven Central pytorch-native)" : "PYTORCH_LIBRARY_PATH");
        if (!"PyTorch".equals(engine.getEngineName())) {
            return l;
        }
        try {
            l.put("dir", ai.djl.pytorch.jni.LibUtils.getLibtorchPath());
        } catch (RuntimeException | LinkageError e) {
            l.put("dir", "unknown");
        }
        for (String key : List.of("PYTORCH_VERSION", "PYTORCH_FLAVOR")) {
            if (System.getenv(key) != null) {
                l.put(key.toLowerCase(java.util.Locale.ROOT), System.getenv(key));
            }
        }
        if (override != null && System.getenv("PYTORCH_VERSION") != null && System.getenv("PYTORCH_FLAVOR") != null) {
            Path info = ai.djl.util.Utils.getEngineCacheDir("pytorch").resolve(System.getenv("PYTORCH_VERSION") + "-"
                    + System.getenv("PYTORCH_FLAVOR") + "-" + ai.djl.util.Platform.detectPlatform("pytorch").getClassifier()).resolve("build-info.txt");
            if (Files.exists(info)) {
                try {
                    l.put("jni_build", Files.readAllLines(info, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    l.put("jni_build", "unreadable: " + e.getMessage());
                }
            }
        }
        return l;
    }

    /** The key of the training regime: the settings that change what a run learns and were added after runs existed. */
    public static final String REGIME = "training_regime";

    /**
     * A run's training regime, for people reading provenance.json: its weight-decay mask and, for tasks that have the option,
     * its split shuffle. A run directory written before these were recorded was trained with the legacy values
     * ({@code matrices}, {@code hyla4j}); {@link RunService#checkResumable} keeps regimes apart.
     */
    public static Map<String, Object> regime(String decayMask, Map<String, String> taskOptions) {
        Map<String, Object> r = new TreeMap<>();
        r.put("decay_mask", decayMask);
        if (taskOptions.containsKey(SplitOrder.KEY)) {
            r.put(SplitOrder.KEY, taskOptions.get(SplitOrder.KEY));
        }
        return r;
    }

    /**
     * The provenance of a resumed run: the first segment's, kept as written, with this segment's machine facts
     * ({@code started}, {@code git_commit}, {@code hyla4j_version}, {@code device}, {@code threads}, {@code cpus})
     * appended to its {@code resumed} list. Without an earlier file, this segment's provenance.
     */
    public static Map<String, Object> resumed(Path earlierFile, Map<String, Object> now) {
        if (!Files.exists(earlierFile)) {
            return now;
        }
        Map<String, Object> earlier;
        try {
            earlier = Json.PRETTY.readValue(earlierFile.toFile(), new TypeReference<TreeMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UsageException("corrupt " + earlierFile + ": " + Json.problem(e));
        }
        List<Object> segments = new ArrayList<>();
        if (earlier.get("resumed") instanceof List<?> l) {
            segments.addAll(l);
        }
        Map<String, Object> segment = new TreeMap<>();
        for (String key : List.of("started", "git_commit", "hyla4j_version", "device", "threads", "cpus")) {
            segment.put(key, now.get(key));
        }
        segments.add(segment);
        earlier.put("resumed", segments);
        return earlier;
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
