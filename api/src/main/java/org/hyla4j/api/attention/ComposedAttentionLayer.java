package org.hyla4j.api.attention;

/**
 * An attention variant as the composition of a score normalizer and a target network over the
 * shared skeleton (the paper's own design: {@code sequence_mixer} = (σ, target network), docs/model.md §1.5).
 * Plugin modules subclass it with a no-argument constructor for {@link java.util.ServiceLoader}.
 */
public class ComposedAttentionLayer implements AttentionLayer {

    private final String id;
    private final String description;
    private final ScoreNormalizer normalizer;
    private final TargetNetwork target;

    protected ComposedAttentionLayer(String id, String description, ScoreNormalizer normalizer, TargetNetwork target) {
        this.id = id;
        this.description = description;
        this.normalizer = normalizer;
        this.target = target;
    }

    /** A composition with this id, for tests and programmatic use (plugins subclass instead). */
    public static ComposedAttentionLayer of(String id, String description, ScoreNormalizer normalizer, TargetNetwork target) {
        return new ComposedAttentionLayer(id, description, normalizer, target);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description + " [σ=" + normalizer.id() + ", target=" + target.id() + "]";
    }

    /** The score normalizer σ. */
    public ScoreNormalizer normalizer() {
        return normalizer;
    }

    /** The target network. */
    public TargetNetwork target() {
        return target;
    }

    @Override
    public AttentionBlock create(AttentionConfig config) {
        return new AttentionBlock(config, normalizer, target);
    }
}
