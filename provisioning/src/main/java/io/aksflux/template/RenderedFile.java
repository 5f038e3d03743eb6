package io.aksflux.template;

/** A file the environment needs in one of the platform's repositories ({@code core} or {@code services}). */
public record RenderedFile(String repo, String path, String content) {
}
