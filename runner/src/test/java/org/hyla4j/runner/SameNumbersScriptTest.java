package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/same-numbers: a regenerated page against the page it replaces, per variant or run by run. */
class SameNumbersScriptTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "same-numbers").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private record Outcome(int code, String out) {
    }

    private Outcome run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), out.strip());
    }

    private String csv(String name, String... lines) throws Exception {
        return Files.writeString(tmp.resolve(name), String.join("\n", lines) + "\n").toString();
    }

    @Test
    void anOldCompareSummaryAgainstTheNewSummaryOfTheAllCell() throws Exception {
        String old = csv("old.csv", "variant,metric,n,mean,se,ci95_low,ci95_high,parameters",
                "softmax_attention,test/r2,2,0.373410,0.014908,0.183991,0.562829,151009",
                "linear_hypatt,test/r2,2,0.366600,0.010000,0.250000,0.480000,151265");
        String same = csv("same.csv", "cell,variant,metric,n,mean,se,ci95_low,ci95_high,parameters",
                "all,softmax_attention,test/r2,2,0.373411,0.014908,0.183991,0.562829,151009", // the last digit rounds the other way
                "all,linear_hypatt,test/r2,2,0.366600,0.010000,0.250000,0.480000,151265",
                "other,linear_hypatt,test/r2,2,0.9,0.1,0.1,0.1,151265"); // another cell is not compared
        assertThat(run(old, same)).isEqualTo(new Outcome(0, "2 rows, every number the same (to 2e-06)"));
        String moved = csv("moved.csv", "cell,variant,metric,n,mean,se,ci95_low,ci95_high,parameters",
                "all,softmax_attention,test/r2,2,0.373410,0.014908,0.183991,0.562829,151009",
                "all,linear_hypatt,test/r2,2,0.377200,0.010000,0.250000,0.480000,151265",
                "all,linear_attention,test/r2,2,0.3,0.01,0.2,0.4,151009");
        assertThat(run(old, moved)).isEqualTo(new Outcome(1, String.join("\n",
                "linear_attention/test/r2: only in the new one",
                "linear_hypatt/test/r2 mean: old 0.366600, new 0.377200 (+0.010600)",
                "2 rows compared, 2 differ")));
    }

    @Test
    void twoSweepTablesAreComparedRunByRunWhateverTheirHashes() throws Exception {
        String old = csv("old.csv", "run,hash,attention,seed,task_opt.num_pairs,status,steps,ood/acc,test/acc,wall_s",
                "softmax_attention-s0-aaa,aaa,softmax_attention,0,2,finished,1000,0.956543,1.00000,341.1",
                "softmax_attention-s0-bbb,bbb,softmax_attention,0,4,finished,1000,0.993652,1.00000,343.9");
        String renamed = csv("new.csv", "run,hash,attention,seed,task_opt.num_pairs,status,steps,ood/acc,test/acc,wall_s",
                "softmax_attention-s0-ccc,ccc,softmax_attention,0,4,finished,1000,0.993652,1.00000,120.0",
                "softmax_attention-s0-ddd,ddd,softmax_attention,0,2,finished,1000,0.956543,1.00000,100.0");
        assertThat(run(old, renamed)).isEqualTo(new Outcome(0, "2 rows, every number the same (to 2e-06)"));
        String moved = csv("moved.csv", "run,hash,attention,seed,task_opt.num_pairs,status,steps,ood/acc,test/acc,wall_s",
                "softmax_attention-s0-ccc,ccc,softmax_attention,0,4,finished,1000,0.993652,1.00000,120.0",
                "softmax_attention-s0-ddd,ddd,softmax_attention,0,2,finished,1000,0.950000,1.00000,100.0");
        assertThat(run(old, moved)).isEqualTo(new Outcome(1, String.join("\n",
                "attention=softmax_attention/seed=0/task_opt.num_pairs=2 ood/acc: old 0.956543, new 0.950000 (-0.006543)",
                "2 rows compared, 1 differ")));
    }

    @Test
    void filesOfDifferentKindsOrNeitherAreOneErrorLineAndExitTwo() throws Exception {
        String summary = csv("s.csv", "variant,metric,n,mean", "a,test/r2,1,0.5");
        String runs = csv("r.csv", "run,hash,attention,seed,status,steps,test/r2", "a-s0-x,x,a,0,finished,10,0.5");
        String neither = csv("n.csv", "x,y", "1,2");
        Outcome mixed = run(summary, runs);
        assertThat(mixed.code()).isEqualTo(2);
        assertThat(mixed.out()).startsWith("error: ").contains("compare like with like").doesNotContain("Traceback");
        Outcome bad = run(neither, runs);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).startsWith("error: ").contains("neither a per-variant summary").doesNotContain("Traceback");
        assertThat(run(tmp.resolve("absent.csv").toString(), runs)).isEqualTo(new Outcome(2, "error: cannot read " + tmp.resolve("absent.csv")
                + ": No such file or directory"));
    }
}
