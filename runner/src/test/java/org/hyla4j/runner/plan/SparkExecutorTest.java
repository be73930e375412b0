package org.hyla4j.runner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.hyla4j.runner.base.Console;
import org.junit.jupiter.api.Test;

/** The Spark configuration a sweep runs with (no Spark context is started here). */
class SparkExecutorTest {

    private static SparkConf conf(String master, int threads, Map<String, String> extra) {
        Console quiet = new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
        return new SparkExecutor(quiet, new SparkExecutor.Settings(master, threads, 4, false, extra, List.of(), 90)).conf("test");
    }

    @Test
    void theDefaultMasterHasOneSlotPerCoreAndTaskCpusEqualToTheRunsThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        SparkConf c = conf(null, 1, Map.of());
        assertThat(c.get("spark.master")).isEqualTo("local[" + cores + ",4]");
        assertThat(c.get("spark.task.cpus")).isEqualTo("1");
        assertThat(c.get("spark.ui.enabled")).isEqualTo("false");
        assertThat(c.get("spark.driver.host")).isEqualTo("127.0.0.1");
        assertThat(c.get("spark.network.timeout")).as("a suspended local sweep survives").isEqualTo("3600s");
        assertThat(conf("spark://127.0.0.1:7077", 1, Map.of("spark.jars", "x.jar")).contains("spark.network.timeout"))
                .as("a cluster keeps Spark's own timeout").isFalse();
        assertThat(conf(null, 1, Map.of("spark.network.timeout", "300s")).get("spark.network.timeout")).isEqualTo("300s");
        // more threads per run than cores: still one slot that fits one run, never local[0]
        SparkConf wide = conf(null, cores + 2, Map.of());
        assertThat(wide.get("spark.master")).isEqualTo("local[" + (cores + 2) + ",4]");
        assertThat(SparkExecutor.attempts(c)).isEqualTo(4);
    }

    @Test
    void clusterExecutorsGetTheDriversMallocSettingsUnlessAlreadySet() {
        SparkConf c = new SparkConf(false).set("spark.executorEnv.MALLOC_ARENA_MAX", "8");
        SparkExecutor.mallocForExecutors(c, Map.of("MALLOC_ARENA_MAX", "1", "MALLOC_MMAP_MAX_", "0", "PATH", "/usr/bin"));
        assertThat(c.get("spark.executorEnv.MALLOC_MMAP_MAX_")).isEqualTo("0");
        assertThat(c.get("spark.executorEnv.MALLOC_ARENA_MAX")).as("the cluster's own setting wins").isEqualTo("8");
        assertThat(c.contains("spark.executorEnv.PATH")).isFalse();
        // local mode's executors are this JVM, which has them already
        assertThat(conf(null, 1, Map.of()).getAllWithPrefix("spark.executorEnv.")).isEmpty();
    }

    @Test
    void theAttemptsAreWhatSparkReallyAllows() {
        assertThat(SparkExecutor.attempts(conf("local", 1, Map.of()))).isEqualTo(4); // rewritten to local[1,4]
        assertThat(conf("local", 1, Map.of()).get("spark.master")).isEqualTo("local[1,4]");
        assertThat(SparkExecutor.attempts(conf("local[3, 2]", 1, Map.of()))).isEqualTo(2);
        assertThat(SparkExecutor.attempts(conf(null, 1, Map.of("spark.master", "local[2]")))).isEqualTo(1); // set last, not rewritten
        assertThat(SparkExecutor.attempts(conf("spark://127.0.0.1:7077", 1, Map.of("spark.jars", "x.jar")))).isEqualTo(4);
        assertThat(SparkExecutor.attempts(conf("spark://127.0.0.1:7077", 1, Map.of("spark.jars", "x.jar", "spark.task.maxFailures", "2"))))
                .isEqualTo(2);
    }
}
