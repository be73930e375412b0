package org.hyla4j.runner.latent;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.core.latent.Embeddings;
import org.hyla4j.core.latent.LatentAnalysis;
import org.hyla4j.core.latent.LatentCodes;
import org.hyla4j.core.nn.HylaTransformer;
import org.hyla4j.core.nn.Models;
import org.hyla4j.api.task.LatentProbe;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.core.train.AdamW;
import org.hyla4j.core.train.Checkpoint;
import org.hyla4j.core.train.DecayMask;
import org.hyla4j.api.util.Seeds;
import org.hyla4j.runner.plugins.Catalog;
import org.hyla4j.runner.report.Plots;
import org.hyla4j.runner.run.EngineSetup;
import org.hyla4j.runner.run.RunService;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.config.RunConfig;

/** Loads a trained run, collects its latent code at the task's probe and writes the analysis to {@code <run>/latent}. */
public final class LatentService {

    private final Catalog catalog;

    @Inject
    public LatentService(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The analysis of one run.
     *
     * @param attention variant id
     * @param seed root seed
     * @param decodings per layer and label
     * @param directory where the files went
     */
    public record Result(String attention, long seed, List<LatentAnalysis.Decoding> decodings, Path directory) {
    }

    /** Analyses the latest checkpoint of the run in {@code runDir} with {@code examples} examples per split. */
    public Result analyse(Path runDir, int examples, int tsnePoints) {
        return analyse(runDir, null, examples, tsnePoints);
    }

    /**
     * Analyses the run in {@code runDir} at the kept checkpoint of {@code step} (null: the latest), with
     * {@code examples} examples per split; writes to {@code latent/} (or {@code latent-step-N/}).
     */
    public Result analyse(Path runDir, Long step, int examples, int tsnePoints) {
        Path configFile = runDir.resolve("config.json");
        UsageException.check(Files.isRegularFile(configFile), "%s is not a run directory: no config.json", runDir);
        Path checkpoint = step == null ? runDir.resolve(Checkpoint.FILE)
                : runDir.resolve(org.hyla4j.runner.run.RunService.KEPT).resolve("step-" + step + ".bin");
        UsageException.check(Files.isRegularFile(checkpoint), "%s has no checkpoint %s to analyse; kept steps: %s", runDir,
                checkpoint.getFileName(), keptSteps(runDir));
        RunConfig config = RunConfig.read(configFile, catalog);
        String attentionId = config.attention().get(0);
        long seed = config.seeds().get(0);
        TaskInstance task = config.taskInstance(catalog, seed);
        LatentProbe probe = task.latentProbe();
        Engine engine = EngineSetup.start(config.threads());
        Device device = EngineSetup.device(engine, config.device());
        Path out = runDir.resolve(step == null ? "latent" : "latent-step-" + step);
        RunService.prepare(out);
        try (NDManager m = engine.newBaseManager(device)) {
            HylaTransformer model = Models.build(m, config.model(task), catalog.attention().get(attentionId), Seeds.derive(seed, Seeds.INIT));
            List<Pair<String, Parameter>> params = new ArrayList<>();
            model.getParameters().forEach(params::add);
            long loadedStep = Checkpoint.load(checkpoint, params, new AdamW(params, 0, DecayMask.PAPER, m));
            long codeSeed = Seeds.derive(seed, "latent");
            LatentCodes train = LatentCodes.collect(model, task, probe.trainSplit(), codeSeed, examples, m);
            LatentCodes test = LatentCodes.collect(model, task, probe.testSplit(), codeSeed + 1, examples, m);
            List<LatentAnalysis.Decoding> decodings = LatentAnalysis.decode(train, test, probe.labelNames(), codeSeed);
            int last = test.features().size() - 1;
            float[] lastCodes = test.features().get(last);
            int d = test.width();
            int[] firstLabel = test.labels().get(0);
            String labelName = probe.labelNames().get(0);
            LatentCharts.scatter(out.resolve("pca_last_layer.png"), attentionId + ": PCA of layer " + last + " codes (" + probe.testSplit()
                    + "), coloured by " + labelName, Embeddings.pca(lastCodes, d), firstLabel, Map.of());
            int n = Math.min(tsnePoints, test.size());
            float[] sub = java.util.Arrays.copyOf(lastCodes, n * d);
            LatentCharts.scatter(out.resolve("tsne_last_layer.png"), attentionId + ": t-SNE of layer " + last + " codes (" + probe.testSplit()
                    + "), coloured by " + labelName, Embeddings.tsne(sub, d, Math.min(30, (n - 1) / 3.0), 500, codeSeed),
                    java.util.Arrays.copyOf(firstLabel, n), Map.of());
            Map<Integer, double[]> cos = LatentAnalysis.cosineOfMeans(lastCodes, d, firstLabel, true);
            List<String> names = cos.keySet().stream().map(k -> labelName + " " + k).toList();
            double[][] matrix = cos.values().toArray(new double[0][]);
            LatentCharts.heatmap(out.resolve("cosine_mean_code.png"), attentionId + ": cosine similarity of the centred mean layer-" + last
                    + " code per " + labelName, cos.keySet().stream().map(String::valueOf).toList(), matrix);
            LatentCharts.csv(out.resolve("cosine_mean_code.csv"), names, matrix);
            decodingChart(out.resolve("decoding_f1.png"), attentionId, decodings, probe.labelNames());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("attention", attentionId);
            json.put("seed", seed);
            json.put("checkpoint_step", loadedStep);
            json.put("probe", Map.of("query", probe.query(), "keys", probe.keys(), "train_split", probe.trainSplit(),
                    "test_split", probe.testSplit(), "labels", probe.labelNames()));
            json.put("examples_per_split", examples);
            json.put("decoder", Map.of("model", "multinomial logistic regression", "l2", LatentAnalysis.LAMBDA,
                    "iterations", LatentAnalysis.ITERATIONS, "layer_-1", "all layers concatenated"));
            json.put("decodings", decodings);
            json.put("cosine_mean_code", Map.of("labels", names, "matrix", matrix));
            Json.write(out.resolve("latent.json"), json);
            return new Result(attentionId, seed, decodings, out);
        }
    }

    private static String keptSteps(Path runDir) {
        Path kept = runDir.resolve(org.hyla4j.runner.run.RunService.KEPT);
        if (!Files.isDirectory(kept)) {
            return "none";
        }
        try (var files = Files.list(kept)) {
            List<Long> steps = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("step-\\d+\\.bin"))
                    .map(n -> Long.parseLong(n.substring(5, n.length() - 4))).sorted().toList();
            return steps.isEmpty() ? "none" : steps.toString();
        } catch (java.io.IOException e) {
            return "unreadable";
        }
    }

    private static void decodingChart(Path file, String attention, List<LatentAnalysis.Decoding> decodings, List<String> labels) {
        List<String> layers = new ArrayList<>();
        Map<String, double[][]> groups = new LinkedHashMap<>();
        List<LatentAnalysis.Decoding> first = decodings.stream().filter(x -> x.label().equals(labels.get(0))).toList();
        for (LatentAnalysis.Decoding x : first) {
            layers.add(x.layer() < 0 ? "all layers" : "layer " + x.layer());
        }
        for (String label : labels) {
            List<LatentAnalysis.Decoding> ds = decodings.stream().filter(x -> x.label().equals(label)).toList();
            groups.put(label + " F1", new double[][] {ds.stream().mapToDouble(LatentAnalysis.Decoding::f1).toArray(), new double[ds.size()]});
        }
        groups.put("chance", new double[][] {first.stream().mapToDouble(LatentAnalysis.Decoding::chance).toArray(), new double[first.size()]});
        groups.put("shuffled labels", new double[][] {first.stream().mapToDouble(LatentAnalysis.Decoding::shuffled).toArray(),
            new double[first.size()]});
        Plots.bars(file, attention + ": decoding held-out tasks' latents from the code (macro-F1)", "macro-F1", layers, groups, "layer");
    }
}
