package org.hyla4j.runner.cli;

import org.hyla4j.runner.base.Versions;
import picocli.CommandLine;

/** {@code --version}: hyla4j's version from the jar manifest, plus the engine versions it was built for. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"hyla4j " + Versions.hyla4j(), "DJL " + Versions.djl() + " (PyTorch engine), Java " + System.getProperty("java.version")};
    }
}
