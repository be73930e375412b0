package org.hyla4j.examples.attention;

import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.testkit.AttentionLayerContract;

class HylaGeluContractTest extends AttentionLayerContract {

    @Override
    protected AttentionLayer layer() {
        return new HylaGelu();
    }
}
