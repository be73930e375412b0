package org.hyla4j.runner.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.core.train.TrainingInterruptedException;
import org.hyla4j.runner.base.Console;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.base.Launch;
import org.hyla4j.runner.run.Provenance;
import org.hyla4j.runner.run.RunService;

/**
 * Trains a plan's runs as the tasks of one Spark job: embedded {@code local[N]} by default (no installation, nothing to start),
 * or any master Spark knows ({@code spark://HOST:PORT}, {@code yarn}, {@code k8s://...}), also under {@code spark-submit}. Each
 * task trains one run in its own JVM ({@link SparkRunTask}) with {@code spark.task.cpus} = the run's threads; run directories
 * must be on storage every worker sees.
 */
public final class SparkExecutor extends RunExecutor {

    /**
     * How to reach Spark.
     *
     * @param master the master URL, or null for what spark-submit set, else {@code local[cores / threads]}
     * @param threads intra-op threads per run, and so {@code spark.task.cpus}
     * @param maxFailures attempts per task ({@code spark.task.maxFailures}; in local mode the second number of {@code local[N,F]})
     * @param ui whether to start Spark's web UI
     * @param conf further Spark settings ({@code --conf KEY=VALUE}), applied last
     * @param plugins plugin directories as every worker sees them
     * @param waitClaimSeconds how long a retried run waits for the attempt it replaces to release its directory
     */
    public record Settings(String master, int threads, int maxFailures, boolean ui, Map<String, String> conf, List<String> plugins,
            long waitClaimSeconds) {
    }

    /** Attempts per run unless told otherwise: a retry resumes from the run's last checkpoint. */
    public static final String DEFAULT_MAX_FAILURES = "4";

    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)\\]");
    /** The master URLs Spark 4 parses (SparkContext.createTaskScheduler and its cluster managers). */
    private static final Pattern MASTER = Pattern.compile(
            "local|local\\[(\\d+|\\*)(,\\s*\\d+)?\\]|local-cluster\\[\\d+,\\s*\\d+,\\s*\\d+\\]|spark://\\S+|yarn|k8s://\\S+");

    private final Settings settings;

    /** Refuses an unknown master, given with {@code --master} or {@code --conf spark.master}, before anything is written. */
    public SparkExecutor(Console console, Settings settings) {
        super(console);
        checkMaster(settings.master());
        checkMaster(settings.conf().get("spark.master"));
        this.settings = settings;
    }

    private static void checkMaster(String master) {
        UsageException.check(master == null || MASTER.matcher(master).matches(), "unknown Spark master '%s'; expected local[N], "
                + "spark://HOST:PORT, yarn or k8s://HOST:PORT", master);
    }

    /** Whether Spark is on the class path (the launcher adds it; spark-submit brings its own). */
    public static boolean available() {
        try {
            Class.forName("org.apache.spark.SparkContext", false, SparkExecutor.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The Spark configuration for these settings: what spark-submit set, then ours, then {@code --conf}. */
    public SparkConf conf(String appName) {
        SparkConf conf = new SparkConf(true).setAppName(appName);
        if (settings.master() != null) {
            conf.setMaster(settings.master());
        } else if (!conf.contains("spark.master")) {
            // N task slots of spark.task.cpus each: local[cores] runs cores / threads runs at once (and at least one)
            conf.setMaster("local[" + Math.max(settings.threads(), Runtime.getRuntime().availableProcessors()) + "]");
        }
        String given = conf.get("spark.master");
        Matcher local = LOCAL.matcher(given);
        if (local.matches()) { // local mode takes its retries from the master URL only
            conf.setMaster("local[" + local.group(1) + "," + settings.maxFailures() + "]");
        } else if (given.equals("local")) {
            conf.setMaster("local[" + settings.threads() + "," + settings.maxFailures() + "]");
        }
        String master = conf.get("spark.master");
        conf.set("spark.task.cpus", Integer.toString(settings.threads()));
        conf.set("spark.task.maxFailures", Integer.toString(settings.maxFailures()));
        conf.setIfMissing("spark.ui.enabled", Boolean.toString(settings.ui()));
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            // driver and executor share this JVM: a suspended process (SIGSTOP, a sleeping laptop) is not a lost executor.
            // With Spark's 120 s default a sweep stopped for 10 minutes and continued lost its SparkContext on waking; an hour
            // still bounds how long an RPC that never answers can hang (spark.rpc.askTimeout follows this setting).
            conf.setIfMissing("spark.network.timeout", LOCAL_NETWORK_TIMEOUT);
        }
        if (master.startsWith("local") || master.contains("://127.0.0.1:") || master.contains("://localhost:")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        if (!master.startsWith("local") && !conf.contains("spark.jars") && !settings.conf().containsKey("spark.jars")) {
            conf.set("spark.jars", runnerJar()); // executors fetch the task classes from the driver
        }
        if (!master.startsWith("local")) {
            mallocForExecutors(conf, System.getenv());
        }
        settings.conf().forEach(conf::set);
        return conf;
    }

    /**
     * Executors a cluster's workers start do not inherit this process's environment: they get its glibc malloc settings
     * (scripts/malloc-env, which the launcher sources) as {@code spark.executorEnv.*}, unless those are set already.
     */
    static void mallocForExecutors(SparkConf conf, Map<String, String> env) {
        Provenance.malloc(env).forEach((k, v) -> conf.setIfMissing("spark.executorEnv." + k, v));
    }

    /** {@code spark.network.timeout} in local mode, where there is no network to time out. */
    static final String LOCAL_NETWORK_TIMEOUT = "3600s";

    private static final Pattern LOCAL_WITH_FAILURES = Pattern.compile("local\\[(\\d+|\\*),\\s*(\\d+)\\]");

    /** The attempts Spark really allows a task under {@code conf}: local mode reads them from the master URL, else the setting. */
    static int attempts(SparkConf conf) {
        String master = conf.get("spark.master");
        Matcher m = LOCAL_WITH_FAILURES.matcher(master);
        if (m.matches()) {
            return Integer.parseInt(m.group(2));
        }
        if (master.startsWith("local")) {
            return 1; // local, local[N] (when set by --conf after our rewrite) and local-cluster count their own way: no retry assumed
        }
        return conf.getInt("spark.task.maxFailures", 4);
    }

    @Override
    protected void train(List<PlannedRun> pending) {
        UsageException.check(available(), "Spark is not on the class path: start the sweep with ./hyla4j (which adds runner/target/spark-jars) "
                + "or with spark-submit");
        SparkConf conf = conf("hyla4j sweep");
        int attempts = attempts(conf);
        console.err().printf("spark: master %s, %d run(s), %d thread(s) per run, %d attempt(s) per run%n", conf.get("spark.master"),
                pending.size(), settings.threads(), attempts);
        for (PlannedRun r : pending) { // the task reads the run's configuration from its directory; an old failure mark goes
            Json.write(RunService.prepare(r.dir()).resolve(RunService.CONFIG), r.config());
            try {
                Files.deleteIfExists(r.dir().resolve(SparkRunTask.FAILED_MARK));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> dirs = pending.stream().map(r -> r.dir().toAbsolutePath().toString()).toList();
        List<String> outcomes;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            sc.setJobDescription("hyla4j: " + pending.size() + " training runs");
            outcomes = sc.parallelize(dirs, dirs.size())
                    .map(new SparkRunTask(settings.plugins(), forwardedProperties(), attempts, settings.waitClaimSeconds()))
                    .collect();
        } catch (Exception e) { // Spark's SparkException is checked but undeclared: RuntimeException would miss it
            // SIGINT/SIGTERM: Spark's shutdown hook stops the context, which fails the job ("SparkContext was shut down") while
            // the training JVMs save their checkpoints. A context lost to a fault fails the same way, outside a shutdown.
            if (shuttingDown()) {
                throw new Stopped("sweep stopped on request; the runs in progress saved their checkpoints, submit the same sweep to resume");
            }
            throw e;
        }
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            if (outcomes.get(i).startsWith(SparkRunTask.FAILED)) {
                String msg = "[" + pending.get(i).label() + "] " + outcomes.get(i).substring(SparkRunTask.FAILED.length()) + " (log: "
                        + pending.get(i).dir().resolve(SparkRunTask.LOG) + ")";
                console.err().println("failed: " + msg);
                failed.add(msg);
            }
        }
        if (!failed.isEmpty()) {
            throw new RunsFailed(failed);
        }
    }

    /** The driver's DJL and hyla4j system properties, for the training JVMs (the engine cache, offline mode, claim timing). */
    static Map<String, String> forwardedProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : System.getProperties().stringPropertyNames()) {
            if (k.startsWith("ai.djl.") || k.equals("DJL_CACHE_DIR") || k.startsWith("hyla4j.") && !k.equals("hyla4j.home")) {
                m.put(k, System.getProperty(k));
            }
        }
        return m;
    }

    /** The jar this class came from, which executors fetch: the runner's shaded jar. */
    static String runnerJar() {
        Path source = Launch.codeSource();
        UsageException.check(source != null && Files.isRegularFile(source) && source.toString().endsWith(".jar"),
                "a cluster sweep needs the runner as a jar (runner/target/hyla4j-runner-*-all.jar), but it runs from %s; build it with "
                        + "mvn package or pass --conf spark.jars=JAR", source);
        return source.toString();
    }

    /** Whether the JVM is running its shutdown hooks (the JDK refuses new hooks from then on). */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** The sweep was stopped by a signal; its runs keep what they checkpointed. */
    static final class Stopped extends TrainingInterruptedException {
        private static final long serialVersionUID = 1L;

        Stopped(String message) {
            super(message, -1);
        }
    }

    /** Some runs failed for good (after their retries); the others finished. */
    public static final class RunsFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<String> failures;

        RunsFailed(List<String> failures) {
            super(failures.size() + " run(s) failed: " + String.join("; ", failures));
            this.failures = List.copyOf(failures);
        }

        /** One line per failed run. */
        public List<String> failures() {
            return failures;
        }
    }
}
