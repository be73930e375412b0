package org.hyla4j.runner.base;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How the runner starts a copy of itself (a child JVM, a cluster task): its main class and the internal one-run command. */
public final class Launch {

    /** The runner's entry point. */
    public static final String MAIN_CLASS = "org.hyla4j.runner.Main";
    /** The hidden command that trains the run configured in a directory: {@code _run --dir DIR}. */
    public static final String RUN_ONE = "_run";

    private Launch() {
    }

    /**
     * Where the runner's classes were loaded from: the shaded jar (or, on a cluster executor, the copy it fetched), a thin jar,
     * or a classes directory in a development build; null when it cannot be told.
     */
    public static Path codeSource() {
        try {
            return Path.of(Launch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** This JVM's java executable. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The options of this JVM that a copy of it should share: system properties, heap and stack sizes, -XX flags. */
    public static List<String> jvmOptions() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-D") || a.startsWith("-Xm") || a.startsWith("-Xss") || a.startsWith("-XX:")) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * The command line of a JVM that trains the run in {@code dir}: {@code java OPTIONS -cp CLASSPATH Main [--plugins P]... _run
     * --dir DIR [--wait-claim S]}.
     */
    public static List<String> runOne(String java, List<String> jvmOptions, String classPath, List<String> plugins, Path dir, long waitClaimSeconds) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, MAIN_CLASS));
        for (String p : plugins) {
            cmd.addAll(List.of("--plugins", p));
        }
        cmd.addAll(List.of(RUN_ONE, "--dir", dir.toString()));
        if (waitClaimSeconds > 0) {
            cmd.addAll(List.of("--wait-claim", Long.toString(waitClaimSeconds)));
        }
        return cmd;
    }
}
