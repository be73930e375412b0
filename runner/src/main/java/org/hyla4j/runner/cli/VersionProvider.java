package org.hyla4j.runner.cli;

import picocli.CommandLine;

/** {@code --version}: hyla4j's version from the jar manifest, plus the engine versions it was built for. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** hyla4j's version, or {@code dev} when run from classes. */
    public static String version() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"hyla4j " + version(), "DJL " + djlVersion() + " (PyTorch engine), Java " + System.getProperty("java.version")};
    }

    /** The DJL version on the class path. */
    public static String djlVersion() {
        return ai.djl.engine.Engine.getDjlVersion();
    }
}
