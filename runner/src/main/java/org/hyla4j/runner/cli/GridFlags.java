package org.hyla4j.runner.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hyla4j.runner.config.RunConfig;
import org.hyla4j.runner.config.RunSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Which variants (and seeds) a command runs: {@code --attention} and {@code --seeds}, the same
 * flags in {@code compare}, {@code reproduce} and {@code bench}, each command naming its own defaults in the help:
 * {@code @Mixin GridFlags grid = GridFlags.of("softmax_attention,linear_hypatt", null)}.
 */
@CommandLine.Command // a mixin needs an annotation; its options are made in code so that the help names the command's defaults
public final class GridFlags implements GeneratedOptions {

    private final String variantsHelp;
    private final String seedsHelp;
    private List<String> attention;
    private List<Long> seeds;

    private GridFlags(String variantsHelp, String seedsHelp) {
        this.variantsHelp = variantsHelp;
        this.seedsHelp = seedsHelp;
    }

    /**
     * @param variantsHelp the default variants as the help should state them
     * @param seedsHelp the default seeds as the help should state them; null: the command takes no {@code --seeds}
     */
    static GridFlags of(String variantsHelp, String seedsHelp) {
        return new GridFlags(variantsHelp, seedsHelp);
    }

    /** The variants given, or null. */
    List<String> attention() {
        return attention;
    }

    /** The seeds given, or null. */
    List<Long> seeds() {
        return seeds;
    }

    /** Sets variants and seeds on {@code b}: those given here, else those {@code b} has already (a {@code --config} file), else the defaults. */
    RunSettings applyTo(RunSettings b, List<String> defaultVariants, List<Long> defaultSeeds) {
        b.attention(attention != null ? attention : b.attention() != null ? b.attention() : defaultVariants);
        return b.seeds(seeds != null ? seeds : b.seeds() != null ? b.seeds() : defaultSeeds);
    }

    @Override
    public List<OptionSpec> options() {
        List<OptionSpec> out = new ArrayList<>();
        out.add(list(OptionSpec.builder("--attention").description("Attention variants, ids as in 'hyla4j list' (default " + variantsHelp + ")."),
                String.class, "ID", () -> attention, v -> attention = cast(v)));
        // reproduce's name for it before the flags were shared
        out.add(list(OptionSpec.builder("--variants").hidden(true), String.class, "ID", () -> attention, v -> attention = cast(v)));
        if (seedsHelp != null) {
            out.add(list(OptionSpec.builder("--seeds").description("Root seeds (default " + seedsHelp + ")."), Long.class, "SEED", () -> seeds,
                    v -> seeds = cast(v)));
        }
        return out;
    }

    /** A comma-separated list option of {@code element}s. */
    private static OptionSpec list(OptionSpec.Builder option, Class<?> element, String label, Supplier<Object> get, Consumer<Object> set) {
        return GeneratedOptions.bound(option.type(List.class).auxiliaryTypes(element).splitRegex(",").paramLabel(label), get, set).build();
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(Object list) {
        return (List<T>) list;
    }
}
