package org.hyla4j.core.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;

/** A composite block whose parameters all declare their shapes, so children need no shape inference. */
abstract class DeclaredShapeBlock extends AbstractBlock {

    DeclaredShapeBlock() {
        super((byte) 1);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }
}
