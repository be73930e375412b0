// Writes what scripts/paper/sraven_data_law.py compares with the paper's own SRAVEN generator (docs/fidelity.md,
// "SRAVEN's data law"): for each seed, the rule multisets hyla4j holds out as `ood` and keeps in distribution, and
// for the first seed COUNT training problems and COUNT/4 `ood` problems exactly as training and evaluation draw
// them (TaskInstance.sample in batches of 128; latent rules, column permutations, the 8 context panels, the
// answer), plus the first training batch's encoded inputs and targets.
//
//   java -cp runner/target/hyla4j-runner-*-all.jar scripts/paper/SravenData.java OUT.json SEEDS COUNT [SPLIT]
//
// SEEDS is a comma-separated list (e.g. 0,1,2); SPLIT is the task option split (default jax, the `paper` presets').
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyla4j.api.PluginRegistry;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.Task;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.api.util.Seeds;
import org.hyla4j.tasks.sraven.RavenLatents;

public class SravenData {

    static final int BATCH = 128;

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: SravenData OUT.json SEEDS COUNT [SPLIT]");
            System.exit(2);
        }
        String split = args.length > 3 ? args[3] : "jax";
        int count = Integer.parseInt(args[2]);
        List<Long> seeds = new ArrayList<>();
        for (String s : args[1].split(",")) {
            seeds.add(Long.parseLong(s.trim()));
        }
        Task task = PluginRegistry.load(Task.class, "task", SravenData.class.getClassLoader()).get("sraven");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("split_option", split);
        Map<String, Object> splits = new LinkedHashMap<>();
        for (long seed : seeds) {
            RavenLatents l = new RavenLatents(4, 0.25, seed, split); // the task's defaults: K 4, frac_ood 0.25
            splits.put(Long.toString(seed), Map.of("ood", l.ood(), "in_distribution", l.inDistribution()));
        }
        out.put("latents", splits);
        long seed = seeds.get(0);
        TaskInstance instance = task.configure(Map.of("split", split), seed);
        out.put("seed", seed);
        out.put("options", instance.options());
        out.put("train", problems(instance, "train", Seeds.derive(seed, Seeds.DATA), count));
        out.put("ood", problems(instance, "ood", Seeds.derive(seed, Seeds.EVAL), count / 4));
        Batch first = instance.sample("train", Seeds.derive(seed, Seeds.DATA), 0, BATCH);
        out.put("first_batch", Map.of("inputs", first.inputs(), "targets", first.targets(), "shape",
                List.of(first.size(), first.seqLen(), first.inputDim())));
        new ObjectMapper().writeValue(Path.of(args[0]).toFile(), out);
        System.out.println("wrote " + args[0]);
    }

    /** COUNT problems of a split, drawn as training draws batches (step 0, 1, ... of the stream). */
    static Map<String, Object> problems(TaskInstance instance, String split, long streamSeed, int count) {
        List<Object> rules = new ArrayList<>();
        List<Object> perms = new ArrayList<>();
        List<Object> panels = new ArrayList<>();
        for (int step = 0; rules.size() < count; step++) {
            Batch b = instance.sample(split, streamSeed, step, BATCH);
            for (int i = 0; i < b.size() && rules.size() < count; i++) {
                Map<String, Object> d = instance.describe(b, i);
                @SuppressWarnings("unchecked")
                Map<String, Object> latent = (Map<String, Object>) d.get("latent");
                rules.add(latent.get("rules"));
                perms.add(latent.get("column_permutations"));
                List<Object> grid = new ArrayList<>(List.of((Object[]) d.get("inputs")));
                grid.add(d.get("target"));
                panels.add(grid); // 9 panels in row-major order, K displayed features each
            }
        }
        return Map.of("rules", rules, "perms", perms, "panels", panels);
    }
}
