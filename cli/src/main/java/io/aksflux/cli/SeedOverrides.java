package io.aksflux.cli;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Seed's options that stand for fields of the environment file ({@code seed.like}, {@code seed.verify}). */
public final class SeedOverrides {
    @Option(names = "--like", paramLabel = "OTHER",
            description = "Start a new instance as a copy of this sibling's folders (same code, e.g. snd4), instance names and paths rewritten; "
                    + "only missing files are written. Same as seed.like in the environment file.")
    String like;

    @Option(names = "--verify", paramLabel = "java|kubectl|none",
            description = "Check that no kustomization build the seed touches breaks: java (default), kubectl (also the real kubectl kustomize), none.")
    String verify;

    /** {@code overrides} and then these, as {@code --set} would give them. */
    List<String> after(List<String> overrides) {
        List<String> all = new ArrayList<>(overrides);
        if (like != null) {
            all.add("seed.like=" + like);
        }
        if (verify != null) {
            all.add("seed.verify=" + verify);
        }
        return all;
    }
}
