package org.hyla4j.attention.hyla;

import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.testkit.AttentionLayerContract;

class HylaContractTest extends AttentionLayerContract {

    @Override
    protected AttentionLayer layer() {
        return new Hyla();
    }
}
