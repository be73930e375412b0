package org.hyla4j.runner.base;

/** The versions a run records and {@code --version} prints. */
public final class Versions {

    private Versions() {
    }

    /** hyla4j's version from the jar manifest, or {@code dev} when run from classes. */
    public static String hyla4j() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The DJL version on the class path. */
    public static String djl() {
        return ai.djl.engine.Engine.getDjlVersion();
    }
}
