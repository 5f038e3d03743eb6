package io.aksflux.error;

import java.util.List;

/**
 * A seed would make a kustomization that builds today fail (or add one that does not build); nothing was pushed.
 * Each breakage names the repository, the kustomization folder, the file and kustomize's reason.
 */
public final class SeedRefusedException extends AksfluxException {
    private static final int SHOWN = 10;
    private final List<Breakage> breakages;

    /** One kustomization the seed would break; {@code checkedBy} is {@code java} or {@code kubectl}. */
    public record Breakage(String repo, String url, String folder, boolean isNew, String file, String reason, String checkedBy) {
        String render() {
            return repo + " (" + url + "): kustomization " + folder + (isNew ? " (new) would not build: " : " builds today and would fail: ")
                    + file + ": " + reason + (checkedBy.equals("java") ? "" : " [" + checkedBy + "]");
        }
    }

    public SeedRefusedException(String environment, List<Breakage> breakages) {
        super(message(environment, breakages));
        this.breakages = List.copyOf(breakages);
    }

    public List<Breakage> breakages() {
        return breakages;
    }

    private static String message(String environment, List<Breakage> breakages) {
        StringBuilder out = new StringBuilder("seed of ").append(environment)
                .append(" refused: it would break ").append(breakages.size()).append(" kustomization build(s); nothing was pushed");
        // what builds today first: that is what the seed breaks; new folders follow
        breakages.stream().sorted(java.util.Comparator.comparing(Breakage::isNew)).limit(SHOWN).forEach(b -> out.append("\n  ").append(b.render()));
        if (breakages.size() > SHOWN) {
            out.append("\n  … and ").append(breakages.size() - SHOWN).append(" more");
        }
        return out.append("\nFix the template set or the repository, or seed with --verify none to push anyway.").toString();
    }
}
