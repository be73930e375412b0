package org.hyla4j.runner.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paper's Table A1 (arXiv 2406.05816 v4, via the reference spec §7–8): mean ± standard error over 3
 * seeds, ×100. Fuzzy logic: held-out-combination R² (the code's {@code test} split) at T = 32 with 70 % of
 * combinations held out. SRAVEN: OOD accuracy, 4 layers, width 1, 20M problems.
 */
public final class PaperNumbers {

    private PaperNumbers() {
    }

    /** Variant id → {mean, SE} ×100 for the fuzzy-logic column. */
    public static Map<String, double[]> fuzzy() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("softmax_attention", new double[] {63.28, 2.31});
        m.put("linear_attention", new double[] {59.89, 5.22});
        m.put("linear_hypatt", new double[] {81.13, 7.77});
        m.put("linear_attention_rms_head", new double[] {68.93, 5.10});
        m.put("linear_hypatt_no_rms_head", new double[] {81.27, 7.88});
        m.put("linear_hypatt_mlp_linear", new double[] {84.54, 5.32});
        m.put("linear_hypatt_mlp_linear_no_rms_head", new double[] {79.42, 7.43});
        m.put("softmax_hypatt", new double[] {70.98, 7.08});
        return m;
    }

    /** Variant id → {mean, SE} ×100 for the SRAVEN column. */
    public static Map<String, double[]> sraven() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("softmax_attention", new double[] {56.56, 1.05});
        m.put("linear_attention", new double[] {56.30, 1.11});
        m.put("linear_hypatt", new double[] {69.13, 1.90});
        m.put("linear_attention_rms_head", new double[] {59.01, 2.50});
        m.put("linear_hypatt_no_rms_head", new double[] {62.53, 5.73});
        m.put("linear_hypatt_mlp_linear", new double[] {56.54, 0.21});
        m.put("linear_hypatt_mlp_linear_no_rms_head", new double[] {56.33, 1.41});
        m.put("softmax_hypatt", new double[] {38.21, 2.98});
        return m;
    }
}
