package io.aksflux.template;

/**
 * A file the environment needs in one of the platform's repositories ({@code core} or {@code services});
 * {@code existing} says what seeding does when the repository already has the file.
 */
public record RenderedFile(String repo, String path, String content, Existing existing) {
    public RenderedFile(String repo, String path, String content) {
        this(repo, path, content, Existing.MERGE);
    }

    /** The layout's {@code existing:} of a file. */
    public enum Existing {
        /** a kustomization's {@code resources} gain the missing entries; any other file is kept (drift when it differs) */
        MERGE,
        /** kept as it is, even a kustomization; drift when it lacks what the template has */
        KEEP;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
