package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box tests of the command line: output and exit codes. */
class CliTest {

    static final String[] VARIANTS = {"softmax_attention", "softmax_hypatt", "linear_attention", "linear_attention_rms_head",
        "linear_hypatt", "linear_hypatt_no_rms_head", "linear_hypatt_mlp_linear", "linear_hypatt_mlp_linear_no_rms_head"};

    @Test
    void listShowsEveryVariantAndTask() {
        CliRunner.Result r = CliRunner.run("list");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains(VARIANTS).contains("fuzzylogic", "sraven", "frac_test=0.5", "lm", "corpus=", "mqar", "num_pairs=4");
    }

    @Test
    void globalOptionsWorkBeforeOrAfterTheCommand(@TempDir Path plugins) {
        for (String[] args : List.of(new String[] {"list", "--plugins", plugins.toString()}, new String[] {"--plugins", plugins.toString(), "list"})) {
            CliRunner.Result r = CliRunner.run(args);
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
            assertThat(r.out()).contains(VARIANTS);
        }
    }

    @Test
    void aMissingPluginDirectoryIsOneErrorAndExitCodeTwo(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-dir");
        for (String[] args : List.of(new String[] {"list", "--plugins", missing.toString()}, new String[] {"--plugins=" + missing, "list"})) {
            CliRunner.Result r = CliRunner.run(args);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo("error: plugin directory " + missing + " does not exist or is not a directory");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void helpAndVersionWork() {
        assertThat(CliRunner.run("--help").exit()).isZero();
        CliRunner.Result v = CliRunner.run("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).contains("hyla4j", "DJL 0.35.1");
        assertThat(CliRunner.run("compare", "--help").out()).contains("--seeds", "--attention", "--preset", "--frac-test");
    }

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        // picocli reads descriptions as format strings: a bare '%' (e.g. "70 % of") makes it print a warning on
        // System.err and show the raw text; the Console does not see that, so watch System.err itself.
        List<String> commands = Pattern.compile("(?m)^  ([a-z][a-z-]*)\\s").matcher(CliRunner.run("--help").out()).results()
                .map(m -> m.group(1)).toList();
        assertThat(commands).contains("train", "compare", "reproduce", "bench", "latent");
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CliRunner.run("--help");
            for (String command : commands) {
                assertThat(CliRunner.run(command, "--help").exit()).as(command).isZero();
            }
        } finally {
            System.setErr(saved);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    private static void oneLineUsageError(CliRunner.Result r, String... fragments) {
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").contains(fragments).doesNotContain("Exception", "\tat ");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo(@TempDir Path tmp) throws Exception {
        oneLineUsageError(CliRunner.run("frobnicate"), "frobnicate");
        oneLineUsageError(CliRunner.run("list", "--bogus"), "--bogus");
        oneLineUsageError(CliRunner.run("train", "--task", "nope"), "unknown task 'nope'", "fuzzylogic", "sraven");
        oneLineUsageError(CliRunner.run("train", "--task", "fuzzylogic", "--attention", "nope"), "unknown attention variant 'nope'",
                "linear_hypatt");
        oneLineUsageError(CliRunner.run("train", "--task", "fuzzylogic", "--lr", "-1"), "--lr");
        oneLineUsageError(CliRunner.run("train", "--task", "fuzzylogic", "--lr", "abc"), "abc");
        oneLineUsageError(CliRunner.run("train", "--task", "fuzzylogic", "--frac-test", "1.5"), "frac_test");
        oneLineUsageError(CliRunner.run("train", "--task", "sraven", "--seq-len", "12"), "fixed sequence length");
        oneLineUsageError(CliRunner.run("compare", "--task", "fuzzylogic", "--seeds", "0,0"), "twice");
        oneLineUsageError(CliRunner.run("data", "export", "--task", "fuzzylogic", "--split", "nope", "--out",
                tmp.resolve("x.jsonl").toString()), "unknown split 'nope'");
        Path file = Files.writeString(tmp.resolve("file"), "x");
        oneLineUsageError(CliRunner.run("train", "--task", "fuzzylogic", "--steps", "2", "--out", file.resolve("sub").toString()),
                "cannot create output directory");
        oneLineUsageError(CliRunner.run("train", "--resume", tmp.resolve("missing").toString()), "not a run directory");
        // a resumed run takes no other settings: they are refused by name, not silently ignored
        oneLineUsageError(CliRunner.run("train", "--resume", tmp.toString(), "--steps", "40", "--decay-mask", "matrices"),
                "takes no other settings", "--steps", "--decay-mask");
        // a thread count no machine honours is refused before anything starts (it used to hang for minutes)
        oneLineUsageError(CliRunner.run("train", "--task", "fuzzylogic", "--steps", "2", "--threads", "100000"), "--threads 100000", "at most 1024");
        oneLineUsageError(CliRunner.run("data", "export", "--task", "fuzzylogic", "--preset", "huge", "--out",
                tmp.resolve("p.jsonl").toString()), "huge");
        Path cfg = Files.writeString(tmp.resolve("c.yaml"), "task: fuzzylogic\nsteps: 5\nbogusField: 3\n");
        oneLineUsageError(CliRunner.run("train", "--config", cfg.toString()), "bogusField");
    }

    @Test
    void badCorporaAndRecallLayoutsAreOneLineAndExitCodeTwo(@TempDir Path tmp) throws Exception {
        oneLineUsageError(CliRunner.run("train", "--task", "lm", "--task-opt", "corpus=" + tmp.resolve("missing.txt")), "does not exist");
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
        oneLineUsageError(CliRunner.run("train", "--task", "lm", "--task-opt", "corpus=" + empty), "is empty");
        Path binary = Files.write(tmp.resolve("binary.txt"), new byte[] {'o', 'k', (byte) 0xff, (byte) 0xfe, 0});
        oneLineUsageError(CliRunner.run("data", "stats", "--task", "lm", "--task-opt", "corpus=" + binary), "not UTF-8", "at byte 2");
        oneLineUsageError(CliRunner.run("train", "--task", "lm", "--seq-len", "1"), "seq");
        oneLineUsageError(CliRunner.run("train", "--task", "mqar", "--task-opt", "num_pairs=99"), "num_pairs");
        oneLineUsageError(CliRunner.run("train", "--task", "mqar", "--task-opt", "num_pairs=8", "--seq-len", "20"), "seq_len", "[24,");
    }
}
