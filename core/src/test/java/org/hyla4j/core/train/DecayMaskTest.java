package org.hyla4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyla4j.api.InvalidSettingException;
import org.hyla4j.api.attention.ComposedAttentionLayer;
import org.hyla4j.api.attention.ScoreNormalizers;
import org.hyla4j.api.attention.TargetNetworks;
import org.hyla4j.core.nn.ModelConfig;
import org.hyla4j.core.nn.Models;
import org.junit.jupiter.api.Test;

/**
 * Which parameters are decayed, against the paper's Flax model: every hyla4j parameter of the fuzzy-logic model
 * (T = 32) beside the paper's parameters it holds, with the paper's shapes as its `model.init` prints them. The
 * paper decays what is not 1-D (run.py: {@code mask = ndim != 1}).
 */
class DecayMaskTest {

    /** hyla4j's parameter → the paper's parameters (path: shape) that it holds. */
    private static Map<String, Map<String, long[]>> paperLayout() {
        Map<String, Map<String, long[]>> m = new LinkedHashMap<>();
        m.put("01embed_kernel", Map.of("embedding/kernel", new long[] {5, 128}));
        m.put("01embed_bias", Map.of("embedding/bias", new long[] {128}));
        for (int l = 0; l < 2; l++) {
            String h = "0" + (l + 2) + "layer" + l + "_";
            String p = "transformer_block_" + l + "/";
            m.put(h + "01norm1_scale", Map.of(p + "norm1/scale", new long[] {128}));
            m.put(h + "01norm1_bias", Map.of(p + "norm1/bias", new long[] {128}));
            m.put(h + "02attention_qkv_kernel", Map.of(p + "sequence_mixer/query/kernel", new long[] {128, 8, 2},
                    p + "sequence_mixer/key/kernel", new long[] {128, 8, 2}, p + "sequence_mixer/value/kernel", new long[] {128, 8, 2}));
            m.put(h + "02attention_qkv_bias", Map.of(p + "sequence_mixer/query/bias", new long[] {8, 2},
                    p + "sequence_mixer/key/bias", new long[] {8, 2}, p + "sequence_mixer/value/bias", new long[] {8, 2}));
            m.put(h + "02attention_out_kernel", Map.of(p + "sequence_mixer/out/kernel", new long[] {8, 2, 128}));
            m.put(h + "02attention_out_bias", Map.of(p + "sequence_mixer/out/bias", new long[] {128}));
            m.put(h + "02attention_relative_table", Map.of(p + "relative_embedding/rel_embedding", new long[] {8, 32}));
            m.put(h + "03norm2_scale", Map.of(p + "norm2/scale", new long[] {128}));
            m.put(h + "03norm2_bias", Map.of(p + "norm2/bias", new long[] {128}));
            m.put(h + "04mlp_in_kernel", Map.of(p + "state_mixer/Dense_0/kernel", new long[] {128, 256}));
            m.put(h + "04mlp_in_bias", Map.of(p + "state_mixer/Dense_0/bias", new long[] {256}));
            m.put(h + "05mlp_out_kernel", Map.of(p + "state_mixer/Dense_1/kernel", new long[] {256, 128}));
            m.put(h + "05mlp_out_bias", Map.of(p + "state_mixer/Dense_1/bias", new long[] {128}));
        }
        m.put("04final_norm_scale", Map.of("decoder_norm/scale", new long[] {128}));
        m.put("04final_norm_bias", Map.of("decoder_norm/bias", new long[] {128}));
        m.put("05readout_kernel", Map.of("logitdense/kernel", new long[] {128, 1}));
        m.put("05readout_bias", Map.of("logitdense/bias", new long[] {1}));
        return m;
    }

    private static List<Pair<String, Parameter>> fuzzyModel(NDManager m) {
        ModelConfig c = ModelConfig.builder().inputDim(5).outputDim(1).readoutPositions(1)
                .layers(2).modelDim(128).numHeads(8).qkDim(16).vDim(16).mlpDim(256).seqLen(32).build();
        List<Pair<String, Parameter>> params = new ArrayList<>();
        Models.build(m, c, ComposedAttentionLayer.of("x", "x", ScoreNormalizers.RMS_HEAD, TargetNetworks.MLP_RELU), 0)
                .getParameters().forEach(params::add);
        return params;
    }

    @Test
    void thePaperMaskDecaysExactlyWhatThePaperCodeDecays() {
        Map<String, Map<String, long[]>> layout = paperLayout();
        try (NDManager m = NDManager.newBaseManager()) {
            List<Pair<String, Parameter>> params = fuzzyModel(m);
            assertThat(params).extracting(Pair::getKey).containsExactlyElementsOf(layout.keySet());
            List<String> paperDecayed = new ArrayList<>();
            for (Pair<String, Parameter> p : params) {
                Shape shape = p.getValue().getShape();
                Map<String, long[]> paper = layout.get(p.getKey());
                long elements = paper.values().stream().mapToLong(s -> new Shape(s).size()).sum();
                assertThat(elements).as("%s holds the paper's %s", p.getKey(), paper.keySet()).isEqualTo(shape.size());
                boolean decayedThere = paper.values().stream().allMatch(s -> s.length != 1);
                assertThat(paper.values().stream().anyMatch(s -> s.length != 1)).isEqualTo(decayedThere);
                if (decayedThere) {
                    paperDecayed.add(p.getKey());
                }
                assertThat(DecayMask.PAPER.decays(p.getKey(), shape)).as(p.getKey()).isEqualTo(decayedThere);
            }
            assertThat(new AdamW(params, 0.1, DecayMask.PAPER, m).decayed()).isEqualTo(paperDecayed)
                    .contains("02layer0_02attention_qkv_bias", "03layer1_02attention_qkv_bias", "02layer0_02attention_relative_table")
                    .doesNotContain("02layer0_02attention_out_bias", "01embed_bias", "04final_norm_scale");
        }
    }

    @Test
    void theMatricesMaskDiffersOnlyInTheFusedQkvBias() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Pair<String, Parameter>> params = fuzzyModel(m);
            List<String> paper = new AdamW(params, 0.1, DecayMask.PAPER, m).decayed();
            List<String> matrices = new AdamW(params, 0.1, DecayMask.MATRICES, m).decayed();
            List<String> difference = new ArrayList<>(paper);
            difference.removeAll(matrices);
            assertThat(difference).containsExactly("02layer0_02attention_qkv_bias", "03layer1_02attention_qkv_bias");
            assertThat(paper).containsAll(matrices);
        }
    }

    @Test
    void namesRoundTripAndAnUnknownOneIsOneClearError() {
        for (DecayMask mask : DecayMask.values()) {
            assertThat(DecayMask.of(mask.id())).isEqualTo(mask);
        }
        assertThatThrownBy(() -> DecayMask.of("all")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("unknown decay mask 'all'").hasMessageContaining("paper").hasMessageContaining("matrices");
    }
}
