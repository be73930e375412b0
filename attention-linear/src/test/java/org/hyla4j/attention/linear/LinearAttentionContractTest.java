package org.hyla4j.attention.linear;

import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.testkit.AttentionLayerContract;

class LinearAttentionContractTest extends AttentionLayerContract {

    @Override
    protected AttentionLayer layer() {
        return new LinearAttention();
    }
}
