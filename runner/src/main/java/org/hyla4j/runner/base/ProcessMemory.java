package org.hyla4j.runner.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's memory as the operating system sees it (training logs it, {@code bench} reports it). */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Resident set size of this process in MB, from /proc (NaN elsewhere). */
    public static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
