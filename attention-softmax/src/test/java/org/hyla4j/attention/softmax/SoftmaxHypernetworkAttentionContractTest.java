package org.hyla4j.attention.softmax;

import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.testkit.AttentionLayerContract;

class SoftmaxHypernetworkAttentionContractTest extends AttentionLayerContract {

    @Override
    protected AttentionLayer layer() {
        return new SoftmaxHypernetworkAttention();
    }
}
