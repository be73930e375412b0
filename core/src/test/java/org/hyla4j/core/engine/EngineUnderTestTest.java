package org.hyla4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/**
 * Which engine the suite runs on. By default Maven Central's libtorch; with PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and
 * PYTORCH_FLAVOR set (scripts/build-engine prints them, docs/engine.md), the libtorch they name and the JNI built for it.
 * DJL falls back to its bundled engine when such an override does not load, so a run of the suite "on the self-built
 * engine" proves nothing unless this test passes in it.
 */
class EngineUnderTestTest {

    @Test
    void theSuiteRunsOnTheEngineTheEnvironmentNames() {
        Engine engine = Engine.getEngine("PyTorch");
        String wanted = System.getenv("PYTORCH_VERSION");
        System.out.printf("engine under test: PyTorch %s (PYTORCH_LIBRARY_PATH=%s)%n", engine.getVersion(), System.getenv("PYTORCH_LIBRARY_PATH"));
        if (wanted != null && System.getenv("PYTORCH_LIBRARY_PATH") != null) {
            assertThat(engine.getVersion()).isEqualTo(wanted);
        } else {
            // the libtorch of the native artifact the pom names (its torch.version)
            assertThat(engine.getVersion()).isEqualTo(System.getProperty("hyla4j.test.torch.version"));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            assertThat(x.matMul(x).toFloatArray()).containsExactly(7, 10, 15, 22); // and it computes
        }
    }
}
