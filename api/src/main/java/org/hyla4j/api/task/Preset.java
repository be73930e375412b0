package org.hyla4j.api.task;

import java.util.Map;
import org.hyla4j.api.UsageException;

/**
 * A named set of model and training defaults for a task.
 *
 * @param name {@code small} or {@code paper}
 * @param layers transformer blocks
 * @param modelDim D
 * @param numHeads H
 * @param qkDim total query/key width
 * @param vDim total value width
 * @param mlpDim MLP width
 * @param batch batch size
 * @param steps training steps
 * @param lr peak learning rate
 * @param weightDecay decoupled weight decay
 * @param warmup warm-up steps
 * @param evalEvery evaluate every this many steps (and at the end)
 * @param evalExamples examples in each fixed evaluation set
 * @param taskOptions task options that differ from the task's own defaults
 */
public record Preset(String name, int layers, int modelDim, int numHeads, int qkDim, int vDim, int mlpDim, int batch,
        int steps, double lr, double weightDecay, int warmup, int evalEvery, int evalExamples,
        Map<String, String> taskOptions) {

    /** Names of the presets every task provides. */
    public static final String SMALL = "small";
    /** The paper's settings. */
    public static final String PAPER = "paper";

    /** Fails with a clear message for an unknown preset name. */
    public static void checkName(String name) {
        UsageException.check(SMALL.equals(name) || PAPER.equals(name), "unknown preset '%s'; known: small, paper", name);
    }
}
